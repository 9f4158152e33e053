"""Is extraction linear in an article's length? One article of N characters against N/10k
articles of 10k characters, made of invented sentences of the genre (no real article's text).

    python scripts/bench_long_article.py [--chars 200000]

Prints both times and their ratio (the target: the long article takes at most 2x as long).
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.extract import extract  # noqa: E402
from kg.recognise import gazetteer  # noqa: E402
from kg.records import Article  # noqa: E402

STREETS = ["青松街道", "银杏街道", "翠柏街道", "红枫镇", "石桥乡"]
COMMUNITIES = ["青松社区", "桂园社区", "翠竹社区", "柳塘村", "石桥村", "金鹭社区"]
COMPOUNDS = ["锦华苑", "嘉禾苑小区", "县税务局家属院", "红星砖瓦厂家属区"]
UNITS = ["县卫健局", "县供电公司", "市人民医院", "某某物业公司", "县财政局"]
WORKS = ["安装路灯{n}盏", "修建排水渠{n}米", "新建充电棚{n}处", "硬化进村公路{n}公里", "加装电梯{n}部",
         "对外墙进行粉刷", "更换雨棚{n}个", "新打水井{n}眼"]
TEMPLATES = [
    "长沙市芙蓉区{street}{community}{compound}的居民说起变化，脸上满是笑容。",
    "{unit}与{community}签订共建协议，{w1}，{w2}。",
    "近年来，{community}{w1}、{w2}，居民生活更方便了。",
    "改造内容包括{w1}、{w2}等基础类项目。",
    "{unit}驻{community}工作队帮助村里{w1}。",
]


def sentence(rng: random.Random) -> str:
    w = [rng.choice(WORKS).format(n=rng.randint(2, 90)) for _ in range(2)]
    return rng.choice(TEMPLATES).format(street=rng.choice(STREETS), community=rng.choice(COMMUNITIES),
                                        compound=rng.choice(COMPOUNDS), unit=rng.choice(UNITS), w1=w[0], w2=w[1])


def text_of(chars: int, seed: int) -> str:
    rng, parts, n = random.Random(seed), [], 0
    while n < chars:
        s = sentence(rng) + ("\n" if rng.random() < 0.2 else "")
        parts.append(s)
        n += len(s)
    return "".join(parts)


def timed(articles: list[Article], gaz) -> float:
    t0 = time.process_time()
    for a in articles:
        extract(a, gaz)
    return time.process_time() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chars", type=int, default=200_000)
    n = ap.parse_args().chars
    gaz = gazetteer.load()
    extract(Article("warm.txt", 0, "t", text_of(2000, 0)), gaz)
    pieces = [Article(f"p{k}.txt", 0, "t", text_of(10_000, k + 1)) for k in range(n // 10_000)]
    long = Article("long.txt", 0, "t", text_of(n, 99))
    short_s = timed(pieces, gaz)
    long_s = timed([long], gaz)
    print(f"{len(pieces)} articles of 10k chars: {short_s:.1f} s; one article of {len(long.text):,} chars: "
          f"{long_s:.1f} s; ratio {long_s / short_s:.2f} (target <= 2)")


if __name__ == "__main__":
    main()
