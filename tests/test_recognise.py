"""Recognisers on short texts written for the tests (not the sample corpus)."""
from kg.recognise import orgs, places, projects
from kg.text.split import sentences


def org_names(text, gaz):
    """(name as written, canonical name) of the organisations in a text, 市/区 prefixes resolved
    against the text's own places."""
    up = places.recognise_upper(text, gaz)
    return [(o.mention.name, o.canonical) for o in orgs.recognise(text, up, orgs.main_places(up))]


def test_address_chain_is_linked_and_nested(gaz):
    text = "家住长沙市芙蓉区湘湖街道西湖社区新华联家园小区的居民说。"
    pm = places.recognise(text, gaz)
    got = [(m.type, m.name) for m in pm.mentions]
    assert got == [("City", "长沙市"), ("District", "芙蓉区"), ("Subdistrict", "湘湖街道"),
                   ("Community", "西湖社区"), ("Neighborhood", "新华联家园")]
    assert pm.mentions[0].code == "430100" and pm.mentions[1].code == "430102"
    assert sorted(pm.parent_of.items()) == [(1, 0), (2, 1), (3, 2), (4, 3)]
    assert pm.mentions[3].place_id is not None  # the data knows this community under that street


def test_same_name_district_linked_only_by_context(gaz):
    alone = places.recognise_upper("鼓楼区开展活动。", gaz)
    assert alone[0].code is None and alone[0].link_reason == "ambiguous name"
    with_city = places.recognise_upper("南京市鼓楼区开展活动。", gaz)
    assert with_city[1].code == "320106"


def test_short_city_name_and_former_county_name(gaz):
    ms = places.recognise_upper("他是株洲人，老家在醴陵县浦口镇。", gaz)
    assert [(m.name, m.surface) for m in ms] == [("株洲市", "株洲"), ("醴陵市", "醴陵县")]


def test_place_in_an_event_name_is_context_not_a_mention(gaz):
    # 徐州会战 names a battle, not the city, but it still puts the article in 徐州, which lets
    # the former county name 新沂县 be read as 新沂市 (a county's short or old name needs that)
    ms = places.recognise_upper("他是新沂县人，参加过徐州会战。", gaz)
    assert [(m.name, m.surface) for m in ms] == [("新沂市", "新沂县")]


def test_governance_titles_are_not_communities(gaz):
    text = "长沙市天元区评出5个示范点(德治社区、共治村)。"
    assert [m.name for m in places.recognise(text, gaz).mentions] == ["长沙市", "天元区"]


def test_street_name_is_not_a_city(gaz):
    ms = places.recognise("长沙市芙蓉区朝阳街道向阳社区", gaz).mentions
    assert ("Subdistrict", "朝阳街道") in [(m.type, m.name) for m in ms]
    assert "朝阳市" not in [m.name for m in ms]


def test_generic_uses_are_not_places(gaz):
    ms = places.recognise("各级领导深入社区，走访老旧小区和城市社区。", gaz).mentions
    assert ms == []


def test_organisations_prefix_resolution_and_exclusions(gaz):
    text = "市民政局、市移动公司等后盾单位与物业公司、交通部门座谈，湖南卫视报道，社区党委参加。"
    text = "张家界市召开会议。" + text
    assert org_names(text, gaz) == [("市民政局", "张家界市民政局"), ("市移动公司", "张家界市移动公司")]


def test_field_noun_inside_an_organisation_name(gaz):
    # 组织 in 社会组织 is a noun: the name is not cut after it
    assert org_names("邵阳市大祥区成立了区社会组织党委。", gaz) == [("区社会组织党委", "大祥区社会组织党委")]


def test_brand_organisation_and_its_short_name(gaz):
    text = "社区协调华宇集团提供用房，华宇还捐赠了物资。"
    found = orgs.recognise(text, [], {})
    assert {o.canonical for o in found} == {"华宇集团"}
    assert "华宇" in found[0].aliases


def test_projects_from_works_quotes_and_lists():
    text = ("社区完成3个项目，包括道路硬化、安装20盏太阳能路灯等。"
            "社区推出“爱心驿站”便民柜，并开展“敲门行动”专项整治。")
    found = projects.recognise(text, sentences(text), [], [])
    labels = [p.label for p in found]
    assert "安装太阳能路灯" in labels and "道路硬化" in labels
    assert "“爱心驿站”便民柜" in labels
    assert not any("敲门" in x for x in labels)


def test_a_kind_of_project_is_not_a_project():
    # 惠民 and 敬老 are tagged as names in jieba's dictionary, yet only name a kind of project
    text = "群众对社区推进的惠民工程表示感谢。社区还落实了敬老项目，新建3处充电棚。"
    assert [p.label for p in projects.recognise(text, sentences(text), [], [])] == ["新建充电棚"]


def test_same_facility_written_twice_is_one_project():
    text = "去年社区更换了小区的路灯。今年春天路灯更新项目完工，居民很满意。"
    found = projects.recognise(text, sentences(text), [], [])
    assert [(p.label, p.aliases) for p in found] == [("更换小区路灯", {"路灯更新"})]


def test_quoted_umbrella_over_listed_brands_is_not_a_project(gaz):
    text = "街道打造出桂花社区“暖心食堂”、荷花社区“邻里互助站”等“一社(村)一特色”项目。"
    communities = [m for m in places.recognise(text, gaz).mentions if m.type == "Community"]
    found = projects.recognise(text, sentences(text), [], communities)
    assert [p.label for p in found] == ["暖心食堂", "邻里互助站"]


def test_village_word_inside_a_community_name(gaz):
    ms = places.recognise("推动龙泉社区、石村花园社区签订协议。", gaz).mentions
    assert [(m.type, m.name) for m in ms] == [("Community", "龙泉社区"), ("Community", "石村花园社区")]


def test_branch_written_after_its_parent_is_one_organisation(gaz):
    for text, name in [("社区联合成都银行玉林支行开设食堂。", "成都银行玉林支行"),
                       ("长沙市公安局交警分局参加。", "长沙市公安局交警分局"),
                       ("成都银行开设了支行。", "成都银行")]:
        assert [n for n, _ in org_names(text, gaz)] == [name]


def test_renovation_of_a_whole_compound_is_an_umbrella_over_its_parts():
    text = "社区对桂园小区进行提质改造，新建充电棚2处，安装摄像头36个。社区还开设了“长者食堂”。"
    labels = [p.label for p in projects.recognise(text, sentences(text), [], [])]
    assert labels == ["新建充电棚", "安装摄像头", "“长者食堂”"]
    alone = "社区完成了桂园小区改造。"
    assert [p.label for p in projects.recognise(alone, sentences(alone), [], [])] == ["桂园小区改造"]


def test_department_short_names_are_not_cut(gaz):
    text = "社区后盾单位成都市武侯区住建局协调资金，区发改局也来了。"
    assert org_names(text, gaz) == [("成都市武侯区住建局", "成都市武侯区住建局"), ("区发改局", "武侯区发改局")]


def test_support_stated_after_a_list_of_organisations(gaz):
    from kg.recognise.relations import supports
    text = ("桂花社区与湖南大学、华宇集团等12家单位签订共建协议。荷花社区在长沙理工大学志愿者帮助下开办托管班。"
            "长沙市爱邻社会工作服务中心在社区开设了“银龄课堂”。")
    found = orgs.recognise(text, places.recognise_upper(text, gaz), {})
    assert [(o.mention.name, supports(text, o.mention)) for o in found] == [
        ("湖南大学", True), ("华宇集团", True), ("长沙理工大学", True), ("长沙市爱邻社会工作服务中心", True)]


def test_rural_works():
    text = "公司为村里修建了800米产业路，新建冷库1座。镇里对村里的饮水工程进行了升级改造，在卫生室设立了远程问诊点。"
    labels = [p.label for p in projects.recognise(text, sentences(text), [], [])]
    assert labels == ["修建产业路", "新建冷库", "饮水工程升级改造", "远程问诊点"]


def test_company_form_and_social_work_centre(gaz):
    text = "社区联合南京金鹰物业管理有限公司、南京市鼓楼区爱邻社会工作服务中心开设课堂。"
    up = places.recognise_upper(text, gaz)
    found = orgs.recognise(text, up, orgs.main_places(up))
    assert [(o.mention.name, o.kind) for o in found] == [("南京金鹰物业管理有限公司", "Enterprise"),
                                                         ("南京市鼓楼区爱邻社会工作服务中心", "SocialOrganization")]


def test_works_joined_by_and_keep_their_objects():
    text = "社区完成了小区雨污分流改造和楼道照明改造，小区道路全部硬化。"
    labels = [p.label for p in projects.recognise(text, sentences(text), [], [])]
    assert labels[:2] == ["小区雨污分流改造", "楼道照明改造"]


def test_compound_named_with_ordinary_words(gaz):
    ms = places.recognise("该村的幸福花园小区和城市花园小区完成了外墙翻新，这个花园小区也是。", gaz).mentions
    assert [(m.type, m.name) for m in ms] == [("Neighborhood", "幸福花园"), ("Neighborhood", "城市花园")]


def test_supporters_listed_after_a_colon(gaz):
    from kg.recognise.relations import supports
    text = "村里的共建单位有：攸县农商银行网岭支行、株洲千金药业股份有限公司。"
    found = orgs.recognise(text, places.recognise_upper(text, gaz), {})
    assert [(o.mention.name, supports(text, o.mention)) for o in found] == [
        ("攸县农商银行网岭支行", True), ("株洲千金药业股份有限公司", True)]
    text = "记者走访了：攸县农商银行网岭支行。"
    assert [supports(text, o.mention) for o in orgs.recognise(text, places.recognise_upper(text, gaz), {})] == [False]


def test_a_new_bridge_and_parking():
    text = "为村里新修了一座便民桥，新增停车位120个。"
    assert [p.label for p in projects.recognise(text, sentences(text), [], [])] == ["新修便民桥", "停车位"]


def test_an_organisation_backs_every_community_listed_before_it(gaz):
    from kg.recognise.relations import scopes
    text = "街道推动桂花社区、荷花社区与湖南大学签订共建协议。"
    communities = [m for m in places.recognise(text, gaz).mentions if m.type == "Community"]
    pos = text.index("湖南大学")
    assert scopes(pos, sentences(text), communities, {}, [], None) == ["桂花社区", "荷花社区"]
    text = "桂花社区居民说，荷花社区与湖南大学签订共建协议。"
    communities = [m for m in places.recognise(text, gaz).mentions if m.type == "Community"]
    assert scopes(text.index("湖南大学"), sentences(text), communities, {}, [], None) == ["荷花社区"]


def test_communities_under_a_street_by_its_jurisdiction(gaz):
    from kg.recognise.relations import street_over
    text = "西湖区桂花街道深化网格治理，推动辖区荷花社区、莲花社区签订协议。"
    ms = places.recognise(text, gaz).mentions
    names = [m.name for m in ms]
    k, j = names.index("莲花社区"), street_over(text, sentences(text), ms, names.index("莲花社区"))
    assert ms[j].name == "桂花街道" and ms[k].type == "Community"
    text = "桂花街道召开会议，荷花社区书记发言。"
    ms = places.recognise(text, gaz).mentions
    assert street_over(text, sentences(text), ms, [m.name for m in ms].index("荷花社区")) is None


def test_a_firm_written_later_by_its_brand(gaz):
    text = "共建单位有株洲千金药业股份有限公司。今年，千金药业还捐赠了医疗设备。"
    found = org_names(text, gaz)
    assert found == [("株洲千金药业股份有限公司", "株洲千金药业股份有限公司"), ("千金药业", "株洲千金药业股份有限公司")]


def test_a_fact_keeps_every_sentence_that_states_it(gaz):
    from kg.extract import extract
    from kg.records import Article
    text = "桂花社区：共建见实效\n华宇集团是桂花社区的共建单位。今年，华宇集团又为桂花社区捐赠了健身器材。"
    ex = extract(Article("t.txt", 0, "桂花社区：共建见实效", text), gaz)
    sentences_of = [r.evidence.sentence for r in ex.relations if r.predicate == "supports"]
    assert len(sentences_of) == 2 and sentences_of[0] != sentences_of[1]


def test_a_sum_for_several_works_is_no_works_own(gaz):
    from kg.extract import extract
    from kg.records import Article
    text = ("桂花社区：办实事\n桂花社区投入60万元，新建充电棚2处，安装摄像头36个。"
            "桂花社区还投入8万元更换了路灯。")
    ex = extract(Article("t.txt", 0, "桂花社区：办实事", text), gaz)
    amounts = {e.label: [q.value for q in e.quantities if q.kind == "investment"]
               for e in ex.entities.values() if e.type == "Project"}
    assert amounts == {"新建充电棚": [], "安装摄像头": [], "更换路灯": ["80000"]}


def test_a_run_of_text_with_no_mark_is_cut_into_clauses_of_bounded_length():
    # a scraped page's list with no punctuation: the rules that read a clause around each cue stay
    # linear in the article's length (scripts/bench_build.py measures the speed)
    from kg.text.split import MAX_CLAUSE, clause_bounds
    text = "实施了道路硬化" * 1000
    a, b = clause_bounds(text, 3500, 3503)
    assert (a, b) == (3500 - MAX_CLAUSE, 3503 + MAX_CLAUSE)
    assert clause_bounds("甲，乙丙，丁", 2, 3) == (2, 4)


def test_a_directory_is_no_list_of_works():
    from kg.recognise import series
    assert series.colon_list("项目5个：" + "；".join(f"甲{i}路改造" for i in range(25)) + "。") == []
    assert len(series.colon_list("项目3个：甲路改造；乙桥修建；丙渠清淤。")) == 3
