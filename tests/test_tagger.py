"""kg/text/tagger.py tags exactly as jieba's own tagger: its caches and its sparse HMM change the
time, never the tags."""
import random

from kg.text import segment
from kg.text.tagger import viterbi

import jieba.posseg as posseg
from jieba.posseg.viterbi import viterbi as jieba_viterbi


def _strings(seed: int, n: int) -> list[str]:
    rnd = random.Random(seed)
    common = sorted({c for w in list(segment._tagger().tokenizer.FREQ)[:20000] for c in w
                     if "\u4e00" <= c <= "\u9fd5"})
    out = []
    for k in range(n):
        pool = common if k % 2 else None  # half from dictionary characters, half from the whole range
        out.append("".join(rnd.choice(pool) if pool else chr(rnd.randint(0x4E00, 0x9FD5))
                           for _ in range(rnd.randint(1, 6))))
    return out


def test_the_sparse_hmm_finds_jiebas_path_and_score():
    for s in _strings(1, 120) + ["社区新建", "幸福里小区", "甲乙丙丁", "鬯鬯鬯"]:
        assert viterbi(s) == jieba_viterbi(s, posseg.char_state_tab_P, posseg.start_P, posseg.trans_P,
                                           posseg.emit_P), s


def test_the_cached_tagger_tags_as_jieba_does():
    ours = segment._tagger()
    plain = posseg.POSTokenizer.__new__(posseg.POSTokenizer)
    plain.tokenizer, plain.word_tag_tab = ours.tokenizer, ours.word_tag_tab
    rnd = random.Random(2)
    parts = _strings(3, 60) + ["，", "。", "2024年", "ABC", " ", "某某街道", "居委会", "开展活动"]
    texts = ["".join(rnd.choice(parts) for _ in range(rnd.randint(1, 8))) for _ in range(100)]
    for t in texts + texts[:20]:  # the second time from the caches
        assert [(p.word, p.flag) for p in ours.lcut(t)] == [(p.word, p.flag) for p in plain.lcut(t)], t
