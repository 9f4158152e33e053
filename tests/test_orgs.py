"""Organisations and the communities they back, on sentences written for the tests."""
import pytest

from kg.extract import extract
from kg.recognise import orgs, places
from kg.records import Article


def found(text, gaz):
    """(name as written, canonical name, aliases) of the organisations in a text."""
    up = places.recognise_upper(text, gaz)
    return [(o.mention.name, o.canonical, sorted(o.aliases)) for o in orgs.recognise(text, up, orgs.main_places(up))]


def names_in(text, gaz):
    """(type, label) of every entity extracted from a text, the tagger's proposals included."""
    ex = extract(Article("t.txt", 0, "", text), gaz)
    return sorted((e.type, e.label) for e in ex.entities.values())


def orgs_in(text, gaz):
    return [label for typ, label in names_in(text, gaz) if typ == "Organization"]


def backed(text, gaz, title=""):
    """(organisation, community) pairs of the supports relation extracted from a text."""
    ex = extract(Article("t.txt", 0, title, text), gaz)
    label = {k: e.label for k, e in ex.entities.items()}
    return sorted((label[r.subject], label[r.object]) for r in ex.relations if r.predicate == "supports")


def test_party_body_of_an_outside_unit_is_the_unit(gaz):
    assert found("金瑞集团党委书记在会上发言。", gaz) == [("金瑞集团党委", "金瑞集团", ["金瑞集团党委"])]
    assert found("长沙市芙蓉区审计局机关党支部走进社区。", gaz) == [
        ("长沙市芙蓉区审计局机关党支部", "长沙市芙蓉区审计局", ["长沙市芙蓉区审计局机关党支部"])]


def test_a_bank_the_dictionary_knows_and_its_branch_party_body(gaz):
    assert [f[1] for f in found("建设银行和青松社区结成了共建对子。", gaz)] == ["建设银行"]
    assert [f[1] for f in found("建设银行长沙芙蓉支行党支部给老人送去了棉衣。", gaz)] == ["建设银行长沙芙蓉支行"]


def test_relative_prefix_bodies_of_more_kinds(gaz):
    text = "县人社办、县书香书店的干部都到了，省水利厅捐了一批树苗，县美术家协会也来了。"
    assert [f[0] for f in found(text, gaz)] == ["县人社办", "县书香书店", "省水利厅", "县美术家协会"]
    assert found("社区举办了活动，区里开办了课堂。", gaz) == []


def test_unit_inside_a_compound_name_and_own_bodies_are_not_organisations(gaz):
    assert found("某区人民医院家属院和县税务局老家属区完成了改造。", gaz) == []
    assert found("青松社区居民委员会、业主委员会和距乡政府5公里的小学。", gaz) == []


def test_unit_named_only_by_its_work_team(gaz):
    text = "中国华电帮扶干部带来了种苗。村民说，华电帮扶干部常来村里。"
    assert found(text, gaz) == [("中国华电", "中国华电", []), ("华电", "中国华电", ["华电"])]
    assert found("青松镇驻村工作队和兴旺村驻村帮扶工作队都来了。", gaz) == []


def test_the_unit_that_sent_a_work_team_backs_its_village(gaz):
    text = "兴旺村和青松村都在山里。县水务局驻青松村工作队帮村里修了路。"
    assert backed(text, gaz) == [("县水务局", "青松村")]
    text = "今年，县水务局驻村帮扶工作队到镇里，分驻于兴旺村、青松村。"
    assert backed(text, gaz) == [("县水务局", "兴旺村"), ("县水务局", "青松村")]


def test_bodies_inside_a_frame_of_support(gaz):
    text = "在区水务局、金瑞集团的积极推动下，青松社区完成了改造。"
    assert backed(text, gaz) == [("区水务局", "青松社区"), ("金瑞集团", "青松社区")]


def test_a_series_of_backers_each_opening_a_clause(gaz):
    title = "青松社区：共建见实效"
    text = (title + "\n青松社区召开共建会。\n长沙市中医院认领了助老服务；长沙市审计局机关党支部把政策讲进了楼道；"
            "金瑞集团党委把义诊桌搬到了楼下。")
    assert backed(text, gaz, title) == [
        ("金瑞集团", "青松社区"), ("长沙市中医院", "青松社区"), ("长沙市审计局", "青松社区")]


def test_a_work_team_with_no_village_in_its_name_serves_the_village_of_its_paragraph(gaz):
    title = "青松村：产业兴旺"
    text = title + "\n青松村召开大会。\n“兴旺村背靠大山，要靠山吃山。”去年春天，建设银行长沙芙蓉支行驻村工作队进村后走访了农户。"
    assert backed(text, gaz, title) == [("建设银行长沙芙蓉支行", "兴旺村")]


def test_the_unit_linked_to_a_community_backs_it(gaz):
    from kg.recognise.relations import supports
    text = "县水务局干部常到联点社区走访。"
    assert [supports(text, o.mention) for o in orgs.recognise(text, places.recognise_upper(text, gaz), {})] == [True]


def test_a_known_national_body_and_its_local_units(gaz):
    text = "近日，国家林业局湘西调查队来到村里。中国工商联贵州省分会长期参与扶贫，分会场设在村部。"
    assert [f[0] for f in found(text, gaz)] == ["国家林业局湘西调查队", "中国工商联贵州省分会"]


def test_a_body_in_a_persons_title_is_not_one_of_a_series_of_backers(gaz):
    title = "青松社区：共建见实效"
    text = title + "\n长沙市中医院认领了助老服务；长沙市统计局驻京特派员也来了。"
    assert backed(text, gaz, title) == [("长沙市中医院", "青松社区")]


def test_a_series_of_backers_whose_list_opens_with_a_name_not_recognised(gaz):
    title = "青松村：村企共建"
    text = title + "\n近日，某某系统党委、金瑞集团党委到青松村走访。随后，区规建局与青松村签订结对共建协议。"
    assert backed(text, gaz, title) == [("区规建局", "青松村"), ("金瑞集团", "青松村")]


def test_a_backer_with_no_community_in_scope_backs_the_one_named_last_before_it(gaz):
    text = "青松村召开大会。\n后来，金瑞集团出资共建了蔬菜基地。"
    assert backed(text, gaz) == [("金瑞集团", "青松村")]


def test_an_office_named_by_its_task_keeps_its_ordinary_words(gaz):
    text = "县危房改造指挥部召开了会议。近日，长沙市交通和物流系统党委、县人力资源和社会保障局到青松村调研。"
    assert [f[0] for f in found(text, gaz)] == ["县危房改造指挥部", "长沙市交通和物流系统党委", "县人力资源和社会保障局"]


def test_a_body_whose_own_act_is_the_works(gaz):
    title = "青松社区：旧改见实效"
    text = title + "\n青松社区旧改启动。\n金瑞集团拿出了管网改造计划，组织人手更换老化水管。"
    assert backed(text, gaz, title) == [("金瑞集团", "青松社区")]
    text = title + "\n青松社区旧改启动。\n金瑞集团负责人介绍了改造情况。"
    assert backed(text, gaz, title) == []


def test_a_unit_named_by_its_place_after_its_parent_body(gaz):
    text = "近日，中国农业科学院湖南亚热带研究所党委到村里开展活动。"
    assert found(text, gaz) == [("中国农业科学院湖南亚热带研究所党委", "中国农业科学院湖南亚热带研究所",
                                 ["中国农业科学院湖南亚热带研究所党委"])]


def test_a_democratic_party_body_keeps_its_party_before_the_place(gaz):
    # jieba reads 民建 as an adjective, 农工党 as a body: either way the party starts the body's name
    assert [n for n, _c, _a in found("从事教育工作多年的民建河南省委常委李某也来到村里。", gaz)] == ["民建河南省委"]
    assert backed("农工党株洲市委员会与青山社区结对。", gaz) == [("农工党株洲市委员会", "青山社区")]


def test_social_work_is_one_field_noun_inside_a_name(gaz):
    # jieba reads 社会工作 as an idiom and cut the name after it, leaving only 发展中心
    assert [n for n, _c, _a in found("新成立的瑞丰社会工作发展中心派来两名社工。", gaz)] == ["瑞丰社会工作发展中心"]


def test_a_list_closed_by_a_class_of_bodies_names_organisations(gaz):
    ex = extract(Article("t.txt", 0, "", "报名开始后，青柠公益、星河青少年服务中心等多家社会组织前来认领。"), gaz)
    assert sorted(e.label for e in ex.entities.values() if e.type == "Organization") == ["星河青少年服务中心", "青柠公益"]
    # a list of buildings: no item is a body by its suffix, so none is taken
    ex = extract(Article("t.txt", 0, "", "新的服务站设在金融大厦、科创广场等企业集中的楼宇里。"), gaz)
    assert [e.label for e in ex.entities.values() if e.type == "Organization"] == []


def test_a_named_team_from_outside_is_an_organisation_that_serves_the_community(gaz):
    # a quoted team, and a body's whole team name before 共产党员服务队; each serves the village it comes to
    assert backed("我们跟随“暖阳”志愿服务队，走进青石村。", gaz) == [("暖阳志愿服务队", "青石村")]
    assert backed("岭口村迎来了湘江电力(星城之光)共产党员服务队，队员们为村民检修线路。", gaz) == [
        ("湘江电力(星城之光)共产党员服务队", "岭口村")]
    # a team the village sets up is its project, not a body
    ex = extract(Article("t.txt", 0, "", "青石村组建了“夕阳红”志愿服务队。"), gaz)
    assert [e.type for e in ex.entities.values() if "夕阳红" in e.label] == ["Project"]


def test_what_the_team_and_list_rules_leave_alone(gaz):
    def orgs_of(text):
        ex = extract(Article("t.txt", 0, "", text), gaz)
        return sorted(e.label for e in ex.entities.values() if e.type == "Organization")
    # a body's team starts at the body, not at the words before it; a team the village sets up is its own
    assert orgs_of("社区党委书记带领国网长沙供电公司共产党员服务队走访独居老人。") == ["国网长沙供电公司共产党员服务队"]
    assert orgs_of("岭口村组建了“夕阳红”志愿服务队。“夕阳红”志愿服务队每周为老人理发。") == []
    assert orgs_of("岭口村“夕阳红”志愿服务队每周为老人义务理发。") == []
    # kinds of body in a list are not bodies; items joined by 和 are two
    assert orgs_of("区民政局、辖区学校、医院等单位参加了活动。") == ["区民政局"]
    assert orgs_of("报名开始后，蓝鲸公司、青柠公益和红枫社工等多家社会组织前来认领。") == ["红枫社工", "蓝鲸公司", "青柠公益"]


def test_a_places_committee_by_its_task_is_its_own_body(gaz):
    # as its 居委会 is: not an organisation (guidelines); a county's committee is one
    text = "柳岸村治安保卫委员会和青禾社区人民调解委员会化解了纠纷。"
    assert found(text, gaz) == []
    assert orgs_in(text, gaz) == []  # nor proposed by the tagger
    assert [f[0] for f in found("县人民调解委员会派人来了。", gaz)] == ["县人民调解委员会"]
    text = "市乡村振兴委员会和市城市社区治理委员会派人来了。"  # ordinary words before 村, 社区
    assert orgs_in(text, gaz) == ["市乡村振兴委员会", "市城市社区治理委员会"]
    from kg.recognise.org_proposals import _own_place_body
    assert not _own_place_body("市乡村振兴") and _own_place_body("柳岸村治安保卫")


def test_a_list_word_before_a_county_prefix_is_no_county(gaz):
    # 和县 is a county, but 甲局和县乙局 joins two county bodies
    text = "在县住建局和县林业局的支持下，柳岸村修了路；社区党员和县财政局干部一起劳动。"
    assert [(t, n) for t, n in names_in(text, gaz) if t != "Community"] == [
        ("Organization", "县住建局"), ("Organization", "县林业局"), ("Organization", "县财政局")]
    places_ = [m.name for m in places.recognise_upper("安徽省和县香泉镇，来到和县调研。", gaz)]
    assert places_ == ["安徽省", "和县", "和县"]


def test_an_office_named_by_two_tasks_joined_by_he(gaz):
    text = "镇里请来县自然资源和规划局的技术员勘测土地。县文化和旅游局送戏下乡。"
    assert [f[0] for f in found(text, gaz)] == ["县自然资源和规划局", "县文化和旅游局"]


def test_the_community_before_a_list_of_its_backers_is_no_backer(gaz):
    assert backed("枫林社区与县人民医院、县农商银行等8家单位签订共建协议。", gaz) == [
        ("县人民医院", "枫林社区"), ("县农商银行", "枫林社区")]


def test_county_public_institutions_and_a_police_station_of_a_bureau(gaz):
    text = "锦江社区与辖区内的市第三中学、市妇幼保健院开展联建共建。"
    assert backed(text, gaz) == [("市妇幼保健院", "锦江社区"), ("市第三中学", "锦江社区")]
    assert [f[0] for f in found("县图书馆和县青少年宫的老师来了。", gaz)] == ["县图书馆", "县青少年宫"]
    assert [f[0] for f in found("碧水社区联合县公安局城东派出所安装了门禁。", gaz)] == ["县公安局城东派出所"]
    assert found("社区图书馆开放了。", gaz) == []
    assert names_in("西湖社区图书馆正式开放。", gaz) == [("Community", "西湖社区")]  # its facility


def test_bodies_listed_before_joining_in_a_work_back_the_village(gaz):
    assert backed("县自然资源局、县林业局等单位联合在樟木村实施了荒山造林。", gaz) == [
        ("县林业局", "樟木村"), ("县自然资源局", "樟木村")]


def test_bodies_that_fund_send_staff_or_come_to_the_community_back_it(gaz):
    assert backed("区民政局给予枫树坪社区每餐3元补贴。", gaz) == [("区民政局", "枫树坪社区")]
    assert backed("县人民医院每周派出医生到桃溪村坐诊。", gaz) == [("县人民医院", "桃溪村")]
    assert backed("县人民法院法官来到杉木村，设立了工作室。", gaz) == [("县人民法院", "杉木村")]
    for text in ("西湖社区位于城区。县公安局来到现场调查。", "西湖社区位于城区。市卫健委给予表扬。",
                 "西湖社区位于城区。市财政局补贴标准提高到每人每月200元。"):
        assert backed(text, gaz) == []  # the community is not what the cue reaches


def test_a_body_named_again_by_its_kind_backs_the_community(gaz):
    text = "鑫源通信有限公司积极履行社会责任。该公司已与春晖社区签订共建协议。"
    assert backed(text, gaz) == [("鑫源通信有限公司", "春晖社区")]
    assert backed("鑫源通信有限公司排污严重。该公司被责令整改，春晖社区居民很高兴。", gaz) == []
    assert backed("春晖社区居民说，鑫源通信有限公司破获了一起案件，该公司提供了线索。", gaz) == []


def _read(kind, text, gaz):
    if kind == "found":
        return [n for n, _, _ in found(text, gaz)]
    return orgs_in(text, gaz) if kind == "orgs" else backed(text, gaz)


# The grammar of bodies and their support in the genre, one invented sentence per rule: (rule, what is
# read: the rules' names, all organisations extracted or the supports pairs, sentence, expected).


GENRE = [

    ("a_body_that_carries_works_into_the_community", "backed", "青松社区里，长沙市中医院为三位老人安装了呼叫器。", [("长沙市中医院", "青松社区")]),
    ("a_body_that_carries_works_into_the_community", "backed", "青松社区里，长沙市中医院的医生说了话。", []),
    ("a_village_and_a_firm_signing_an_agreement", "backed", "青松村与金瑞集团签订了乡村振兴合作协议。", [("金瑞集团", "青松村")]),
    ("a_unit_whose_head_takes_a_working_group_to_the_village", "backed", "县水务局负责人带工作组赴青松村开展调研。", [("县水务局", "青松村")]),
    ("a_picture_credit_is_no_support", "backed", "青松村召开大会。\n本版图片由县水务局提供", []),
    ("the_unit_that_stationed_a_first_secretary_backs_the_village", "backed", "省交通运输厅派驻柳岸村第一书记到任后，带领村民修路。",
     [("省交通运输厅", "柳岸村")]),
    ("the_unit_that_stationed_a_first_secretary_backs_the_village", "backed", "县交通局局长和柳岸村党支部第一书记一起查看了道路。", []),
    ("a_body_that_acts_for_the_community_itself_backs_it", "backed", "县人社局为柳岸村开发了10个公益性岗位。", [("县人社局", "柳岸村")]),
    ("a_body_that_acts_for_the_community_itself_backs_it", "backed", "县交通局为方便群众出行修了桥，柳岸村村民很高兴。", []),
    ("a_body_that_does_works_in_the_community_or_comes_to_it", "backed", "县中医医院在丹桂社区设立了便民服务点。", [("县中医医院", "丹桂社区")]),
    ("a_body_that_does_works_in_the_community_or_comes_to_it", "backed", "县总工会为户外劳动者在东风社区建起了一座“爱心驿站”。",
     [("县总工会", "东风社区")]),
    ("a_body_that_does_works_in_the_community_or_comes_to_it", "backed", "县人民检察院的干警走进青禾社区开展普法宣传。",
     [("县人民检察院", "青禾社区")]),
    ("a_body_that_does_works_in_the_community_or_comes_to_it", "backed", "他召集县交通局负责同志赶到柳岸村现场商讨。", [("县交通局", "柳岸村")]),
    ("a_body_that_does_works_in_the_community_or_comes_to_it", "backed", "县财政局在柳岸村召开会议。", []),
    ("line_of_work_read_as_a_verb_stays_in_the_name", "found", "县统计局干部走访，区规建局干部进村。", ["县统计局", "区规建局"]),
    ("line_of_work_read_as_a_verb_stays_in_the_name", "found", "长沙市审计局干部也来了。", ["长沙市审计局"]),
    ("name_starts_at_its_relative_prefix_after_a_common_noun", "found", "居民给后盾单位县水务局写了感谢信。", ["县水务局"]),
    ("people_and_cars_kept_apart_is_no_bank_branch", "found", "改造后道路平整、人车分行，金瑞集团也来了。", ["金瑞集团"]),
    ("a_county_firm_named_by_its_line_of_work", "found", "柳岸村与县城投集团签订了村企共建协议。", ["县城投集团"]),
    # jieba reads 县人 as one word: the name still starts at 县, not at the role word before it
    ("relative_prefix_glued_to_the_word_after_it", "found", "柳岸村的帮扶单位县人社局组织了招聘会。", ["县人社局"]),
    ("a_county_school_named_by_ordinary_words", "found", "县老年大学在社区开设了书法班。", ["县老年大学"]),
    ("a_numbered_branch_of_a_bureau_is_one_body", "found", "浏阳市税务局第二分局的干部来了。", ["浏阳市税务局第二分局"]),
    # 共建单位, 辖区企业: the role, not part of the name
    ("role", "found", "下一步将与结对单位青禾银行城南支行深化合作。", ["青禾银行城南支行"]),
    ("role", "found", "辖区企业鹿鸣乳业有限公司每月送去鲜奶。", ["鹿鸣乳业有限公司"]),
    ("numbered_company", "found", "中铁九局二公司负责施工。", ["中铁九局二公司"]),
    ("numbered_company", "found", "县交通运输局二公司修路。", ["县交通运输局二公司"]),
    # a named market and a county's care provider are bodies; a community's own care centre is not
    ("named_market", "orgs", "辖区的翠竹农贸市场也加入共建行列。", ["翠竹农贸市场"]),
    ("named_market", "orgs", "助浴服务由芙蓉区颐年居家养老服务中心派护理员承担。", ["芙蓉区颐年居家养老服务中心"]),
    ("named_market", "orgs", "柳岸社区日间养老服务中心正式运营，社区还新建了日间养老服务中心。", []),
    ("named_market", "found", "芙蓉区柳岸社区日间养老服务中心正式运营。", []),
    ("named_market", "orgs", "县里投资500万元改造老旧农贸市场，柳岸社区综合性养老服务中心正式开业。", []),
    ("named_market", "orgs", "驿站请来江西颐寿安康养老中心上门，柳岸社区养老中心也在运营。", ["江西颐寿安康养老中心"]),
    # 依托 + the words of a body's role + its name: the body backs the community
    ("role_words", "backed", "柳岸社区依托专业机构江西颐寿安康养老中心开展助餐。",
     [("江西颐寿安康养老中心", "柳岸社区")]),
    # 与 + a body + a verb of joint work: the body works with the community
    ("joint_work", "backed", "柳岸社区还与城西区消防救援大队开展了高层住宅消防演练。", [("城西区消防救援大队", "柳岸社区")]),
    ("joint_work", "backed", "竹溪村与青山文旅公司合作改造民宿。", [("青山文旅公司", "竹溪村")]),
    ("joint_work", "backed", "竹溪村与青山文旅公司的距离不远。", []),
    ("joint_work", "backed", "柳岸社区居民与华润物业公司开展了激烈争吵。", []),
    # a body and the communities listed after it in its clause, or in the clause with 与 that follows
    # its own (某局以…为抓手，与甲社区、乙社区建立共建机制): each is backed
    ("listed_communities", "backed", "恒远物流有限公司与双溪镇青石村、白沙村、何宅村结对已满三年。",
     [("恒远物流有限公司", "何宅村"), ("恒远物流有限公司", "白沙村"), ("恒远物流有限公司", "青石村")]),
    ("listed_communities", "backed", "今年，县城管局以问题为导向，与鹭洲社区、沙坪社区建立共建机制。",
     [("县城管局", "沙坪社区"), ("县城管局", "鹭洲社区")]),
    ("listed_communities", "backed", "县城管局以问题为导向，与青山社区居民座谈交流。", []),
    ("listed_communities", "backed", "石坝社区变化很大。县统计局发布数据，与去年同期相比帮扶资金增长两成。", []),
    # a team founded long ago but set up by a body named before it in its sentence is that body's
    ("founded_after_a_body", "orgs", "由市红十字会发起的“博爱”志愿服务队，成立于2012年，常年在柳岸社区开展培训。",
     ["博爱志愿服务队", "市红十字会"]),
    # 某市委 written short for 某市委员会 is the same body
    ("short_committee", "orgs", "民盟岳阳市委员会与柳岸社区结对。一年来，民盟岳阳市委在社区设立服务站。", ["民盟岳阳市委员会"]),
    # a unit named again by its kind before its party body; a programme named like a body
    ("bare_unit", "orgs", "鹤鸣农贸市场加入共建，市场党支部还组织商户成立服务队。", ["鹤鸣农贸市场"]),
    ("quoted_metaphor", "orgs", "中心在社区开设“时间银行”互助养老服务，还办起“鹊桥银行”。", []),
]


@pytest.mark.parametrize("rule,kind,text,expected", GENRE, ids=[f"{r[0]}-{k}" for k, r in enumerate(GENRE)])


def test_the_grammar_of_bodies(gaz, rule, kind, text, expected):
    assert _read(kind, text, gaz) == expected


def test_communities_that_describe_are_not_the_ones_backed(gaz):
    # 来自甲村、乙村的医生到丙村义诊: the listed villages say where the doctors are from
    got = backed("石坝村变化很大。县人民医院组织来自桃源村、柳溪村的医生到石坝村义诊。", gaz)
    assert ("县人民医院", "柳溪村") not in got
