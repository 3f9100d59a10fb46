"""Decoding: short news texts in every common encoding come back exactly, and each plausibility check
refuses the wrong reading it is there for (the examples quoted in `newsfacts.ingest`)."""

from __future__ import annotations

import pytest

from newsfacts.ingest import (
    _PLAUSIBILITY,
    LEGACY_ENCODINGS,
    IngestError,
    _Reading,
    decode_bytes,
    implausibility,
    rank_decodings,
)

# the bug report: three lines of cp1252 that came out as mac_latin2 ("Cafť", "Lotteís", "Ä40 million")
CAFE = (
    "Café owners expect £5m boost from festival\n"
    "Lotte’s flagship store will reopen on Monday, the company said.\n"
    "The council has set aside €40 million for the works."
)
EN = "The central bank left rates unchanged on Thursday. “Inflation is still too high,” the governor said."
FR = "Le gouvernement a présenté mercredi un projet de loi sur l’énergie. Les députés l’examineront à l’automne."
FR_LATIN1 = "Le maire a inauguré la nouvelle bibliothèque, qui a coûté 12 millions d'euros."
DE = "Die Bundesregierung hat am Mittwoch höhere Zölle auf Stahl beschlossen. Die Exporteure äußerten sich besorgt."
DE_LATIN1 = "Der Export nach Österreich stieg im März um 4 Prozent."
ES = "El Gobierno aprobó el martes una subida del salario mínimo. ¿Cuánto costará a las pequeñas empresas?"
ES_LATIN1 = "La economía española creció un 0,8 % en el tercer trimestre, según el INE."
PL = "Rząd przyjął we wtorek projekt budżetu na przyszły rok. Deficyt ma spaść do 3 proc. PKB."
CS = "Vláda ve středu schválila návrh státního rozpočtu. Schodek má příští rok klesnout na 230 miliard korun."
HU = "A kormány szerdán elfogadta a jövő évi költségvetést, a hiány 2,9 százalék lesz."
RU = "Центральный банк России в пятницу сохранил ключевую ставку на уровне 16%. Инфляция замедлилась."
BG = "Българското правителство одобри в сряда проектобюджета за следващата година."
KO = "한국은행은 목요일 기준금리를 동결했다. 물가 상승률은 3%대에 머물렀다."
ZH = "国家统计局周一公布，三季度国内生产总值同比增长4.9%。消费仍是主要动力。"
JA = "日本銀行は火曜日、金融政策の現状維持を決めた。円相場は一時150円台まで下落した。"

BY_ENCODING = {
    "cp1252": [CAFE, EN, FR, DE, ES],
    "latin-1": [FR_LATIN1, DE_LATIN1, ES_LATIN1],
    "cp1250": [PL, CS, HU],
    "cp1251": [RU, BG],
    "euc-kr": [KO],
    "gb18030": [ZH],
    "shift_jis": [JA],
}
EVERYTHING = [CAFE, EN, FR, DE, ES, PL, CS, HU, RU, BG, KO, ZH, JA]
CASES = [(enc, text) for enc, texts in BY_ENCODING.items() for text in texts] + [
    (enc, text) for enc in ("utf-16-le", "utf-16-be", "utf-8", "utf-8-sig") for text in EVERYTHING
]


@pytest.mark.parametrize(("encoding", "text"), CASES, ids=[f"{e}-{t[:12]}" for e, t in CASES])
def test_decodes_exactly(encoding: str, text: str) -> None:
    got, chosen = decode_bytes(text.encode(encoding), "x.txt")
    assert got == text, chosen


def test_the_reported_cp1252_file_is_cp1252() -> None:
    text, encoding = decode_bytes(CAFE.encode("cp1252"), "cafe.txt")
    assert encoding == "cp1252"
    assert "Café" in text and "Lotte’s" in text and "€40 million" in text


def test_records_the_standard_name_when_a_superset_reads_the_same() -> None:
    assert decode_bytes(KO.encode("euc-kr"), "k.txt")[1] == "euc_kr"
    assert decode_bytes(JA.encode("shift_jis"), "j.txt")[1] == "shift_jis"
    assert decode_bytes(RU.encode("utf-16-be"), "r.txt")[1] == "utf-16-be"


CHECKS = dict(_PLAUSIBILITY)


def _wrong(text: str, true: str, wrong: str) -> _Reading:
    return _Reading.of(wrong, text.encode(true).decode(wrong))


@pytest.mark.parametrize(
    ("text", "true", "wrong", "check"),
    [
        (CAFE, "cp1252", "latin-1", "c1_control"),  # "Lotte\x92s"
        ("日本の人口は減っている。", "utf-16-le", "cp1252", "c0_control"),  # "\x02" from "。"
        ("すごいすごい", "utf-16-le", "cp1252", "alternate_repeat"),  # "Y0T0D0Y0T0D0"
        (CAFE, "cp1252", "cp1251", "mixed_script_word"),  # "Cafй"
        ("Una evaluación de la ONU.", "cp1252", "cp1251", "mixed_script_word"),  # "evaluaciуn"
        (PL, "cp1250", "cp1252", "symbol_in_word"),  # "Rz¹d"
        ("Pracował dla BBC przez dekadę.", "cp1250", "cp1252", "symbol_in_word"),  # "Pracowa³"
        ("Россия и Китай подписали соглашение.", "cp1251", "cp1252", "accented_latin"),  # "Ðîññèÿ"
        (RU, "cp1251", "cp1252", "accented_latin"),
        (RU, "koi8-r", "cp1251", "case_inside_words"),  # "гЕОФТБМШОЩК"
        ("Россия и Китай подписали соглашение.", "cp1251", "utf-16-le", "private_or_unassigned"),
        ("Están en la media nacional.", "cp1252", "shift_jis", "cjk_in_latin_word"),  # "Est疣"
        ("Tenía 84 años.", "cp1252", "gb18030", "cjk_in_latin_word"),  # "a駉s"
        ("そうだろ?", "shift_jis", "cp1252", "symbol_soup"),  # "‚»‚¤‚¾‚ë?"
        ("しかし強制していなくても問題です", "utf-16-be", "utf-16-le", "repeated_low_byte"),  # "地䬰地㝟"
        ("中国和韩国签署了十五份合作文件。", "gb18030", "euc_kr", "hanja_share"),
        ("消费仍是主要动力。", "gb18030", "euc_kr", "hanja_share"),
        (JA, "shift_jis", "gb18030", "rare_han"),
        ("先生の理想は限りなく高い。", "shift_jis", "cp949", "rare_hangul"),
        (KO, "euc_kr", "gb18030", "spaced_han"),
        ("기준금리를 동결했다.", "euc_kr", "shift_jis", "halfwidth_kana"),  # "ｱ簔ﾘｱﾝｸｮｸｦ"
    ],
)
def test_each_check_refuses_the_wrong_reading_it_names(text: str, true: str, wrong: str, check: str) -> None:
    reading = _wrong(text, true, wrong)
    assert CHECKS[check](reading), f"{check} let {reading.text!r} through"
    assert implausibility(reading) is not None
    assert implausibility(_Reading.of(true, text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "В сети появилось видео: cети связи работают.",  # a Latin "c" typed in a Cyrillic word
        "Die Wohnung hat 85 m² und kostet 900 € im Monat.",
        "Catalunya té la col·lecció més gran.",
        "Pugh女士已經在劍橋的Papworth和Addenbrooke醫院接受了治療。",
        "雰囲気がすき!",  # Japanese kanji outside GB2312
        "Українська мовa має апостроф: м’ясо, пам'ять, обʼєкт.",
    ],
)
def test_real_text_passes_every_check(text: str) -> None:
    assert implausibility(_Reading.of("utf-8", text)) is None


def test_misfit_prefers_one_languages_letters() -> None:
    assert _Reading.of("cp1252", CAFE).misfit() == 0  # "Café ... £5m"
    assert _Reading.of("cp1250", CAFE.encode("cp1252").decode("cp1250")).misfit() == 1  # "Café ... Ł5m"
    # "ę" is Polish, "ê" French: alone they tie and the more common encoding (cp1252) wins
    assert _Reading.of("cp1250", "peut-ętre").misfit() == _Reading.of("cp1252", "peut-être").misfit() == 0
    assert decode_bytes("Il est peut-être parti.".encode("cp1252"), "p.txt")[0] == "Il est peut-être parti."


def test_rank_explains_every_refusal() -> None:
    readings, refused = rank_decodings(CAFE.encode("cp1252"), LEGACY_ENCODINGS)
    assert readings[0].encoding == "cp1252"
    assert refused["cp1251"].startswith("mixed_script_word:")
    assert "Caf" in refused["cp1251"]


def test_less_common_encodings_must_fit_a_language() -> None:
    czech = "Kandidát Republikánské strany se však odklonil od svých předchozích výroků."
    assert _Reading.of("mac_latin2", czech.encode("cp1250").decode("mac_latin2")).misfit() >= 1  # "KandidŠt"
    assert decode_bytes(czech.encode("cp1250"), "c.txt") == (czech, "cp1250")
    # ISO-8859-7 Greek is not in the table: charset-normalizer proposes it, the checks accept it
    greek = "Η κυβέρνηση ανακοίνωσε νέα μέτρα για την ενέργεια την Τρίτη."
    assert decode_bytes(greek.encode("iso8859_7"), "g.txt")[0] == greek


@pytest.mark.parametrize(
    ("data", "check"),
    [
        (bytes(range(256)) * 20, "binary_file"),  # NUL bytes and no plausible UTF-16
        (bytes(range(0x80, 0x100)) * 4, "undecodable"),
    ],
)
def test_undecodable_bytes_are_quarantined_with_a_reason(data: bytes, check: str) -> None:
    with pytest.raises(IngestError) as err:
        decode_bytes(data, "bad.txt")
    assert err.value.check == check
    assert "bad.txt" in str(err.value)


def test_utf16_read_a_byte_at_a_time_is_not_utf8() -> None:
    # "すごいすごい。" in UTF-16-LE is valid ASCII ("Y0T0D0..."), but reads as UTF-16
    text = "すごいすごい。"
    assert decode_bytes(text.encode("utf-16-le"), "s.txt") == (text, "utf-16-le")


def test_a_stray_oddity_in_a_long_file_is_the_publishers() -> None:
    # one "™" glued between letters refuses a short cp1250 text, not forty paragraphs of one
    odd = "Značka Škoda™Auto oznámila výsledky."
    assert implausibility(_Reading.of("cp1250", odd)) == (
        "symbol_in_word",
        "1 symbols inside words ('™' ...)",
    )
    text = "Vláda ve středu schválila návrh státního rozpočtu, schodek má příští rok klesnout. " * 40 + odd
    assert decode_bytes(text.encode("cp1250"), "long.txt") == (text, "cp1250")


def test_a_run_of_one_symbol_is_not_utf16_read_a_byte_at_a_time() -> None:
    # alternate_repeat wants the other half free of the symbol: "““““" is a run, "Y0T0D0" alternates
    assert CHECKS["alternate_repeat"](_Reading.of("utf-8", "“" * 40)) is None
    assert decode_bytes(("“" * 40 + " quoted").encode("utf-8"), "q.txt") == ("“" * 40 + " quoted", "utf-8")


def test_fallback_never_reads_ebcdic() -> None:
    # 200 "é" in cp1252: every Latin letter accented, so no common encoding is plausible; cp037 would
    # read "ZZZ..." and must not be offered
    with pytest.raises(IngestError) as err:
        decode_bytes("é".encode("cp1252") * 200, "e.txt")
    assert err.value.check == "undecodable"
    assert "accented_latin" in str(err.value)
