"""jieba's part-of-speech tagger, tagging exactly as jieba does, in less time.

Recognisers tag many short spans. Two things make that slow in jieba.posseg: spans that share
blocks are tagged again (a clause, then the clause and a few more characters), and the HMM that
tags runs of characters the dictionary does not know weighs every pair of states, though four
pairs in five cannot follow each other. Here each block's tags and each unknown run's tags are
kept (jieba tags blocks one by one, each alone), and the HMM weighs only the pairs that can
follow each other: the same sums in the same order, the same tie-breaks, so the same tags.

Imported by kg.text.segment after its light import of jieba.posseg (see _import_posseg there).
"""
from __future__ import annotations

from functools import lru_cache

import jieba.posseg as posseg

MIN_FLOAT = -3.14e100  # jieba's score of a character a state never emits
_STATES, _START, _TRANS, _EMIT = posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P
_NEXT = {x: frozenset(nexts) for x, nexts in _TRANS.items()}  # state -> the states that can follow it
_FOLLOWS: dict = {}  # state -> the states it can follow
for _x, _nexts in _TRANS.items():
    for _y in _nexts:
        _FOLLOWS.setdefault(_y, set()).add(_x)


def viterbi(obs: str) -> tuple[float, list]:
    """jieba.posseg.viterbi.viterbi with jieba's tables. A pair of states with no transition
    scores -inf there, and every state weighed has a predecessor with one, so leaving those
    pairs out changes no maximum."""
    all_states = _TRANS.keys()
    prev: dict = {}
    mem_path: list[dict] = [{}]
    for y in _STATES.get(obs[0], all_states):
        prev[y] = _START[y] + _EMIT[y].get(obs[0], MIN_FLOAT)
        mem_path[0][y] = ""
    for t in range(1, len(obs)):
        ch = obs[t]
        prev_states = [x for x in mem_path[t - 1] if _NEXT[x]]
        expect = set().union(*[_NEXT[x] for x in prev_states])
        obs_states = expect.intersection(_STATES.get(ch, all_states))
        if not obs_states:
            obs_states = expect if expect else all_states
        live = set(prev_states)
        cur, mem = {}, {}
        for y in obs_states:
            em = _EMIT[y].get(ch, MIN_FLOAT)
            cur[y], mem[y] = max((prev[y0] + _TRANS[y0][y] + em, y0) for y0 in live & _FOLLOWS.get(y, set()))
        prev = cur
        mem_path.append(mem)
    prob, state = max((prev[y], y) for y in mem_path[-1])
    route = [None] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = state
        state = mem_path[i][state]
    return prob, route


class CachedTagger(posseg.POSTokenizer):
    """jieba's POSTokenizer with the cached blocks and runs and the sparse HMM above."""

    def _POSTokenizer__cut_DAG(self, sentence):  # noqa: N802 (jieba's private names)
        return iter(_block_tags(self, sentence))

    def _POSTokenizer__cut_detail(self, sentence):  # noqa: N802
        return iter(_unknown_run_tags(self, sentence))

    def _POSTokenizer__cut(self, sentence):  # noqa: N802
        """jieba's, with the viterbi above."""
        prob, pos_list = viterbi(sentence)
        begin, nexti = 0, 0
        for i, char in enumerate(sentence):
            pos = pos_list[i][0]
            if pos == "B":
                begin = i
            elif pos == "E":
                yield posseg.pair(sentence[begin:i + 1], pos_list[i][1])
                nexti = i + 1
            elif pos == "S":
                yield posseg.pair(char, pos_list[i][1])
                nexti = i + 1
        if nexti < len(sentence):
            yield posseg.pair(sentence[nexti:], pos_list[nexti][1])


@lru_cache(maxsize=1 << 14)
def _block_tags(tagger: CachedTagger, block: str) -> tuple:
    return tuple(posseg.POSTokenizer._POSTokenizer__cut_DAG(tagger, block))


@lru_cache(maxsize=1 << 14)
def _unknown_run_tags(tagger: CachedTagger, run: str) -> tuple:
    return tuple(posseg.POSTokenizer._POSTokenizer__cut_detail(tagger, run))
