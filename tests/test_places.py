"""Places on invented texts: each test states one rule of the genre."""
import pytest

from kg.recognise import places
from kg.recognise.upper_places import recognise_upper
from kg.text.furniture import strip_furniture
from kg.text.normalize import normalize


def names(text, gaz, typ=None):
    return [m.name for m in places.recognise(text, gaz).mentions if typ is None or m.type == typ]


def test_navigation_bars_and_breadcrumbs_are_not_the_article():
    text = "首页|新闻|体育|长沙|株洲|湘潭\n您所在的位置:某网 > 频道首页 > 正文\n正文第一句。"
    assert strip_furniture(text) == "\n\n正文第一句。"
    assert normalize("株洲|湘潭|衡阳|邵阳|岳阳\n正文") == "\n正文"


def test_a_county_name_that_starts_inside_a_word_is_not_there(gaz):
    # 适应|城市: no 应城市 (a county-level city) in this sentence
    assert recognise_upper("街道要主动适应城市发展的新要求。", gaz) == []
    assert [m.name for m in recognise_upper("来自湘潭市的志愿者。", gaz)] == ["湘潭市"]


def test_village_suffix_ending_an_ordinary_word_or_after_a_verb(gaz):
    text = "党建促乡村振兴，工作队驻村帮扶。"
    assert names(text, gaz, "Community") == []


def test_a_verb_glued_to_an_unknown_village_name(gaz):
    assert "青禾村" in names("县财政局驻青禾村工作队帮助村里修路。", gaz, "Community")


def test_compounds_named_after_a_work_unit(gaz):
    text = "老旧小区改造覆盖了县税务局家属院、红星砖瓦厂家属区和市粮油站宿舍。"
    assert names(text, gaz, "Neighborhood") == ["县税务局家属院", "红星砖瓦厂家属区", "市粮油站宿舍"]


def test_the_unit_inside_a_compound_name_is_not_an_organisation(gaz):
    from kg.extract import extract
    from kg.records import Article
    ex = extract(Article(doc="t.txt", index=0, title="t", text="社区走访了县税务局家属院的住户。"), gaz)
    types = sorted((e.type, e.label) for e in ex.entities.values())
    assert ("Neighborhood", "县税务局家属院") in types and not any(t == "Organization" for t, _ in types)


def located(text, gaz, title="标题"):
    from kg.extract import extract
    from kg.records import Article
    ex = extract(Article(doc="t.txt", index=0, title=title, text=text), gaz)
    label = {k: e.label for k, e in ex.entities.items()}
    return {(label[r.subject], label[r.object]) for r in ex.relations if r.predicate == "locatedIn"}


def test_villages_put_under_the_town_by_gai_zhen(gaz):
    text = "工作队来到某县青禾镇驻村帮扶，分驻于该镇青禾村、石桥村和柳塘村。"
    assert {("石桥村", "青禾镇"), ("柳塘村", "青禾镇")} <= located(text, gaz)


def test_communities_of_a_street_report_sit_in_that_street(gaz):
    text = "银杏街道推进网格治理。\n近日，红枫社区组织志愿者清理楼道。\n翠竹社区开展义诊。"
    assert {("红枫社区", "银杏街道"), ("翠竹社区", "银杏街道")} <= located(text, gaz, "银杏街道这样办")
    far = "某市召开会议。" + "会上介绍了经验。" * 30 + "银杏街道代表发言。红枫社区组织志愿者。"
    assert ("红枫社区", "银杏街道") not in located(far, gaz)


def test_ordinary_words_before_a_town_the_data_knows(gaz):
    # 孟定镇 is a town of the division data; 边境 (border) is an ordinary word before it
    assert names("边境孟定镇的居民赶集。", gaz, "Subdistrict") == ["孟定镇"]
    # but an ordinary word is not cut off another ordinary word the data happens to know
    assert names("边境热心镇", gaz, "Subdistrict") != ["热心镇"]


def test_no_subtree_is_walked_however_many_names_are_looked_up(gaz, monkeypatch):
    """Linking streets and villages costs by the number of mentions, not mentions × subtree."""
    calls = []
    real = type(gaz).descendants
    monkeypatch.setattr(type(gaz), "descendants", lambda self, pid, level: calls.append((pid, level)) or real(self, pid, level))
    text = "长沙市芙蓉区" + "".join(f"某{c}街道和{c}{c}社区。" for c in "甲乙丙丁戊己庚辛壬癸" * 5)
    places.recognise(text, gaz)
    assert calls == []


def test_places_named_below_a_root_are_those_of_its_subtree(gaz):
    for root in gaz.by_name["长沙市"] + gaz.by_name["芙蓉区"][:3]:
        for level in (4, 5):
            index: dict[str, list[int]] = {}
            for d in gaz.descendants(root, level):
                index.setdefault(gaz.name(d), []).append(d)
            assert index
            for name, ids in list(index.items())[:200]:
                assert gaz.named_below(root, level, name) == sorted(ids)
            assert gaz.named_below(root, level, "无此名") == []


def test_a_compound_name_starts_after_the_short_names_of_its_places(gaz):
    text = "某市某区银杏街道桂园社区。银杏桂园翠微庭园的居民说起变化。"
    assert names(text, gaz, "Neighborhood") == ["翠微庭园"]
    assert names("在县税务局家属院，居民议事。", gaz, "Neighborhood") == ["县税务局家属院"]


def test_a_compound_named_after_a_firm_written_again_and_again(gaz):
    text = "华冠制冷小区的老房子拆了。\n华冠制冷小区作为涉改小区之一，迎来新生。"
    assert names(text, gaz, "Neighborhood")[:2] == ["华冠制冷", "华冠制冷"]


def test_a_township_level_unit_named_as_a_community_is_a_community(gaz):
    named = [p for p in range(len(gaz.names)) if gaz.levels[p] == 4 and gaz.names[p].endswith("社区")]
    streets = [p for p in range(len(gaz.names)) if gaz.levels[p] == 4 and gaz.names[p].endswith("街道")]
    assert named and {gaz.type_of(p) for p in named} == {"Community"}
    assert {gaz.type_of(p) for p in streets} == {"Subdistrict"}


def test_a_kind_of_community_is_not_a_community(gaz):
    # a phrase with 的 is a description; ordinary words before 社区建设 name a kind of community
    assert names("评选中，青山社区被称为全区最美的社区。", gaz, "Community") == ["青山社区"]
    assert names("各街道都在推进和谐社区建设。", gaz, "Community") == []
    # the same ordinary words in an address chain stay a community
    assert "幸福社区" in names("长沙市芙蓉区东湖街道幸福社区开展活动。", gaz, "Community")


def test_a_preposition_before_a_short_village_name_is_not_its_name(gaz):
    def after_a_body(text):  # the body's span bounds the name on its left, as in the pipeline
        return [m.name for m in places.recognise(text, gaz, [(0, 5)]).mentions if m.type == "Community"]
    assert after_a_body("县供电公司为青禾社区实施了改造。") == ["青禾社区"]
    assert after_a_body("县水务公司给柳岸村修了路。") == ["柳岸村"]


# The grammar of place names in the genre, one invented sentence per rule: (rule, sentence, type,
# the names expected). Each row fails when its rule is taken out.


GENRE = [
    ("a_community_named_as_its_residents_committee", "某镇银杏苑居委组织志愿者。", "Community", ["银杏苑居委"]),
    ("a_suffix_inside_a_longer_compound_name", "社区金苑华庭小区内举行活动。", "Neighborhood", ["金苑华庭"]),
    # 祭 reads as a verb in jieba; the line holds the name alone
    ("a_short_name_on_a_line_of_its_own_keeps_its_first_character", "2023年5月1日\n祭柳坡社区\n邻里互助有温度", "Community",
     ["祭柳坡社区"]),
    ("a_short_name_on_a_line_of_its_own_keeps_its_first_character", "某街道祭柳坡社区开展活动。", "Community", ["祭柳坡社区"]),
    ("a_short_line_that_ends_an_ordinary_word_is_no_village", "2024年3月1日\n荆湘乡村\n振兴有新篇", "Community", []),
    # jieba reads verbs inside the unit's name (生资); the unit ends at 站, the name at 宿舍区
    ("a_work_unit_compound_keeps_the_unit_whole_verbs_and_all", "在东岭坳生资站宿舍区，打造主题墙。", "Neighborhood", ["东岭坳生资站宿舍区"]),
    ("a_work_unit_compound_keeps_the_unit_whole_verbs_and_all", "青松社区坐落在历史悠久的红旗集团住宅区。", "Neighborhood", ["红旗集团住宅区"]),
    # two ordinary words (来到, 边境) before the town; a word of place (地处) before a name of ordinary words
    ("ordinary_words_before_a_street_the_data_knows_are_not_its_name", "来到边境孟定镇，村民们正在采茶。", "Subdistrict", ["孟定镇"]),
    ("ordinary_words_before_a_street_the_data_knows_are_not_its_name", "绿地社区地处和平街道东侧。", "Subdistrict", ["和平街道"]),
    ("a_counted_kind_of_compound_is_not_a_compound", "明年还有12个待建小区，5个老旧小区要改。", "Neighborhood", []),
    # 上庄, 下洋: dictionary place words that jieba cuts into 上 / 下 + a character
    ("a_place_word_of_the_dictionary_that_jieba_splits_is_still_a_name", "上庄社区的居民投票选出了新的议事代表。", "Community", ["上庄社区"]),
    ("a_place_word_of_the_dictionary_that_jieba_splits_is_still_a_name", "记者来到下洋社区，看到广场上有人下棋。", "Community", ["下洋社区"]),
    # 某村村部, 某村村民: the second 村 starts an ordinary word, the first ends the name
    ("a_village_before_a_word_of_its_own_bodies", "柳岸村村部旁的文化广场竣工了。", "Community", ["柳岸村"]),
    ("a_village_before_a_word_of_its_own_bodies", "在柳岸村村民小组会上。", "Community", ["柳岸村"]),
    ("a_bodys_tie_to_a_place_is_no_name", "县教育局到联点社区开展志愿服务，干部常到帮扶村走访。", "Community", []),
    ("a_disposal_preposition_before_a_short_name_is_not_its_name", "将柳岸村打造成民俗文化主题村。", "Community", ["柳岸村"]),
    ("a_disposal_preposition_before_a_short_name_is_not_its_name", "把青禾社区建成幸福家园。", "Community", ["青禾社区"]),
    ("a_community_before_its_committee_is_named_by_itself", "红星社区居委会组织志愿者清理楼道。", "Community", ["红星社区"]),
    # jieba reads 仁和 as one word: its 和 is no 甲村和乙村
    ("a_village_name_whose_last_character_is_a_list_word", "仁和村修了路，工作队驻村帮扶。", "Community", ["仁和村"]),
    # jieba tags 隶属于 as a noun; ending in 于 it still introduces the place
    ("a_community_after_a_verb_of_belonging", "该小区隶属于梧桐社区。", "Community", ["梧桐社区"]),
    ("a_quoted_honour_is_no_community", "青禾社区荣获“湖南省和谐社区”等称号。", "Community", ["青禾社区"]),
    # 以 + agent + verb + 村, or a verb + a round number of villages: a campaign, not a place
    ("slogan_of_pairing", "某县探索“以企带村”模式，引导企业与村结对。", "Community", []),
    ("slogan_of_pairing", "各村坚持干部联千村，推动发展。", "Community", []),
    ("slogan_of_pairing", "该镇推动千企联千村行动，柳溪村受益。", "Community", ["柳溪村"]),
    # 打造同心社区: the kind aimed at; the same words in an address chain are a place the data knows
    ("verb_of_a_goal", "赫山区打造同心社区。", "Community", []),
    ("verb_of_a_goal", "益阳市赫山区同心社区举办讲座。", "Community", ["同心社区"]),
    ("verb_of_a_goal", "社区以打造“同心社区”为抓手。", "Community", []),
    # 居民 is in the word list of generic uses; a village 居民村 elsewhere does not make 居民社区 a name
    ("generic_word_after_a_district", "宝安区居民社区氛围浓厚。", "Community", []),
    ("generic_word_after_a_district", "长沙市芙蓉区东湖街道幸福社区开展活动。", "Community", ["幸福社区"]),
    # jieba reads 运 as a word of its own and 望 as a verb; in an address chain the street's name is
    # all of it (河湾街道 and 江湾镇 are names the data knows elsewhere); a verb of two characters cuts
    ("between_a_county", "杭州市拱墅区运河湾街道榆荫社区开展活动。", "Subdistrict", ["运河湾街道"]),
    ("between_a_county", "宜宾市叙州区望江湾镇举行签约仪式。", "Subdistrict", ["望江湾镇"]),
    ("between_a_county", "芙蓉区走进东湖街道。", "Subdistrict", ["东湖街道"]),
    ("community_and_de", "青松社区的翠湖家园完成改造。", "Neighborhood", ["翠湖家园"]),
    # the same between a street and a community's suffix (jieba reads 青城 as a word, 苑 alone)
    ("between_a_street", "杭州市拱墅区运河湾街道青城苑社区开展活动。", "Community", ["青城苑社区"]),
    # a name does not end in a preposition: 四是在小区东门 is "at the compound"
    ("preposition_ends_no_name", "三是改造外墙；四是在小区东门增设智能快递柜。", "Neighborhood", []),
    # a quoted name after 的/为/成/是 is what a place became or was called
    ("quoted_kind", "将石岭村打造成远近闻名的“产业兴旺村”。", "Community", ["石岭村"]),
    ("quoted_kind", "青山村被评为“特色产业村”。", "Community", ["青山村"]),
    # ordinary words before an activity of communities in general (国际化 is a generic word)
    ("verb_of_a_goal", "青山村对标国际化社区建设标准。", "Community", ["青山村"]),
    # two ordinary words and 苑 name a compound
    ("two_words_and_yuan", "分别是桂水苑雨污分流、丽和苑健身器材安装。", "Neighborhood", ["桂水苑", "丽和苑"]),
    ("two_words_and_yuan", "在棠溪苑，原来的垃圾堆放点变成了游园。", "Neighborhood", ["棠溪苑"]),
    ("two_words_and_yuan", "植物园的百草苑和图书馆的书香苑都开放了。", "Neighborhood", []),  # a word and 苑
    # a list the text calls compounds (两个小区, 等老旧小区): each item is one, whatever its last word;
    # not kinds of compound (城中村, 商品房); 内 before a name is context
    ("listed_compounds", "东湖街道桂香园、临江人家两个小区完成改造。", "Neighborhood", ["桂香园", "临江人家"]),
    ("listed_compounds", "社区内翠柏苑、松涛家园等小区完成改造。", "Neighborhood", ["翠柏苑", "松涛家园"]),
    ("listed_compounds", "推进老旧小区、城中村等小区改造，全区共有商品房、房改房等小区40个。", "Neighborhood", []),
    ("listed_compounds", "管网老化、墙面脱落等老旧小区的毛病不少。", "Neighborhood", []),  # problems, by their verb
    ("listed_compounds", "外墙涂料、屋面瓦片等小区改造材料已进场。", "Neighborhood", []),  # what follows 小区
    # a compound named after a place's own unit: 某某老社区宿舍 is a compound, not the community
    ("compound_of_a_place_unit", "某区东湖街道青石老社区宿舍完成改造。", "Neighborhood", ["青石老社区宿舍"]),
    ("compound_of_a_place_unit", "某区东湖街道青石老社区宿舍完成改造。", "Community", []),
    # 让大箐坪村: the later mention keeps its 大 as the chain 某乡大箐坪村 does
    ("lie_of_the_land", "县农业局驻镇雄县青竹乡大箐坪村工作队协调资金。村民说，让大箐坪村变了样。", "Community",
     ["大箐坪村", "大箐坪村"]),
    # jieba reads 怀 as a verb; right after 甲村与 (or 、) the short name is the pair's second village
    ("pair_of_villages", "石岭村与坡怀村联建的茶叶基地迎来丰收。", "Community", ["石岭村", "坡怀村"]),
    ("pair_of_villages", "石岭村、坡怀村联建基地。", "Community", ["石岭村", "坡怀村"]),
    ("pair_of_villages", "青山村和深入村民家中走访。", "Community", ["青山村"]),
    # a list of villages keeps each next name whole (下 read as a direction, 路 as a road)
    ("pair_of_villages", "公司与双溪镇上溪头村、下溪头村、何宅村结对。", "Community", ["上溪头村", "下溪头村", "何宅村"]),
    ("pair_of_villages", "街道与鹭洲社区、沙坪社区、竹海路社区共建。", "Community", ["鹭洲社区", "沙坪社区", "竹海路社区"]),
    ("pair_of_villages", "驼峰村与市级文明村、易地搬迁村和产业强村的差距还很大。", "Community", ["驼峰村"]),
    # names ending or starting in 里/内 stay whole (塘里村, 里仁坊社区); 东进村 is a village
    ("inside_words", "平定乡塘里村、城关镇城内村和洞井街道里仁坊社区都开展了活动。", "Community",
     ["塘里村", "城内村", "里仁坊社区"]),
    ("slogan_of_pairing", "东进村村委会组织清扫，南湖街道跃进社区举办活动。", "Community", ["东进村", "跃进社区"]),
    # 某某进社区: a campaign that brings something in
    ("slogan_of_pairing", "以“城管进社区”为抓手，青山村开展整治。", "Community", ["青山村"]),
    # 坳, 沟, 坪…: a stem of ordinary words ending in one is a village's name; 大 alone no longer cuts
    ("lie_of_the_land", "记者来到大山深处的石门坳村。", "Community", ["石门坳村"]),
    ("lie_of_the_land", "在大箐坪村，工作队修通了路。", "Community", ["大箐坪村"]),
    ("lie_of_the_land", "这个深山坳村只有十几户人家。", "Community", []),  # 山坳 is an ordinary word
    ("lie_of_the_land", "大伙用碎石铺村路，用石板铺村巷。", "Community", []),  # 铺 paves
    ("lie_of_the_land", "柳湖社区帮槐树冲村建起了一间爱心超市。", "Community", ["柳湖社区", "槐树冲村"]),  # 冲 read as a verb
    # right after a town, 扎实推进农村(人居环境整治) is a chain by position only: 农村 is a word
    ("ordinary_word_ending", "临桂区茶洞岭镇扎实推进农村人居环境整治。", "Community", []),
    # 新时代 is a generic word of the genre
    ("epoch_word", "青禾社区党总支获评“浙江省新时代居村先锋”称号。", "Community", ["青禾社区"]),
]


@pytest.mark.parametrize("rule,text,typ,expected", GENRE, ids=[f"{r[0]}-{k}" for k, r in enumerate(GENRE)])


def test_the_grammar_of_place_names(gaz, rule, text, typ, expected):
    assert names(text, gaz, typ) == expected
