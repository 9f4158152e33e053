"""The short cuts that keep a build's start-up short give what the slow ways give."""
import random
from decimal import Decimal

from kg.recognise import quantities


def test_plain_numbers_are_read_as_cn2an_reads_them():
    import cn2an

    rnd = random.Random(13)
    numbers = [str(i) for i in range(1200)] + [str(rnd.randrange(10 ** k)) for k in range(1, 9) for _ in range(40)]
    numbers += [f"{rnd.randrange(10 ** k)}.{rnd.randrange(10 ** j):0{j}d}" for k in range(1, 9) for j in range(1, 5)
                for _ in range(20)] + ["0.0", "10.50", "3.0001"]
    numbers += [n + unit for n in numbers[::7] for unit in ("万", "亿")]
    for n in numbers:
        assert quantities._PLAIN.fullmatch(n), n
        assert quantities.to_decimal(n) == Decimal(str(cn2an.cn2an(n, "smart"))).normalize(), n
    for n in ("007", "123456789", "1.23456", "３０", "三十", "三十万", "1.5千万", "2百万"):
        assert not quantities._PLAIN.fullmatch(n), n  # these go through cn2an


def test_lower_names_are_the_towns_and_communities_of_the_data(gaz):
    lower = {n for n, lv in zip(gaz.names, gaz.levels) if lv >= 4}
    rnd = random.Random(13)
    names = rnd.sample(gaz.names, 3000) + [n + "村" for n in rnd.sample(gaz.names, 1000)] + ["不在数据里的名字"]
    assert [n for n in names if gaz.is_lower_name(n) != (n in lower)] == []


def test_short_numerals_are_read_as_cn2an_reads_them(tmp_path, monkeypatch):
    import cn2an

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))  # made here, then read back
    quantities._short.cache_clear()
    try:
        made = quantities._short()
        quantities._short.cache_clear()
        assert quantities._short() == made and len(made) == 15 + 15 ** 2 + 15 ** 3
    finally:
        quantities._short.cache_clear()
    for n in ("两", "三", "十二", "二十", "一百", "三百五", "两千", "零", "十十", "百一"):
        try:
            want = Decimal(str(cn2an.cn2an(n, "smart"))).normalize()
        except (ValueError, KeyError, TypeError):
            want = None
        assert quantities.to_decimal(n) == want, n
