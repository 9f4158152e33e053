"""General word lists the recognisers use: type suffixes, cue verbs, stop words.

Only closed-class vocabulary of Chinese news writing lives here (suffixes such as 街道 or
集团, verbs such as 安装, function words); no name of any place, body or project. Place
names come from the administrative-division data (gazetteer.py).
"""
from __future__ import annotations

# ---- places below the county --------------------------------------------------
SUBDISTRICT_SUFFIXES = ("街道", "镇", "乡")
# 居委会, 居委, 居民区: how some cities name the community (某某居委, 某某居民区)
COMMUNITY_SUFFIXES = ("社区", "村", "居委会", "居委", "居民区")
# one-character verbs, prepositions and list words that jieba may glue to an unknown name (驻某村,
# 赴某社区, 甲村和乙村, 某社区的某某苑)
PLACE_LEFT_CONTEXT = ("驻", "在", "到", "赴", "至", "向", "从", "对", "于", "为", "给", "将", "把", "进", "去", "来", "和", "与", "及", "或",
                      "的")
NEIGHBORHOOD_SUFFIXES = ("小区", "家园", "花园", "苑", "公寓", "新城", "华府", "雅苑", "庭园", "山庄",
                         # compounds named after a work unit (某厂家属区, 某局宿舍)
                         "老家属区", "家属区", "家属院", "宿舍区", "宿舍", "住宅区")
# the compound suffixes that follow a work unit's name: the unit is then part of the name
UNIT_COMPOUND_SUFFIXES = ("老家属区", "家属区", "家属院", "宿舍区", "宿舍", "住宅区")
# what a work unit's name ends in (某水泥厂, 某县公安局, 某蚕桑站, 某金矿)
UNIT_WORDS = ("厂", "公司", "局", "站", "矿", "所", "院", "集团", "委", "监委", "校", "社", "场", "队", "行", "中心")
# characters after a suffix that show it is part of a longer common word (村民, 乡镇, 镇政府…)
AFTER_SUFFIX_BLOCK = {
    "村": "民委级务庄落里组干支部集两规道容貌改局",
    "镇": "政级区域委长",
    "乡": "镇村亲愁土情间下贤",
    "社区": "频",
    "街道": "办两",
    "苑": "林",
}
# what communities in general do: ordinary words before 社区 and one of these name a kind of
# community (和谐社区建设, 智慧社区治理), not one community
COMMUNITY_ACTIVITIES = ("建设", "治理", "营造", "发展")
# verbs of a goal: ordinary words after one of these and before 社区/村 name the kind of place aimed
# at (打造同心社区, 争创文明村), not a place
GOAL_VERBS = ("打造", "创建", "争创", "构建", "建设", "营造", "争当", "共建")
# the last characters of village names that tell the lie of the land (某某坳, 某某沟, 某某坪): a stem of
# ordinary words ending in one, before 村, is a village's name; not 山, 江, 水 (山村, 渔村 are words)
TOPONYM_ENDS = "坳沟坪岭塘冲峪洼坝岗垭寨屯堡湾溪岩坡庄"  # not 铺: 用碎石铺村路
# a slogan of pairing, not a village: 以企带村, 以商兴村 (以 + agent + verb), 万企帮万村, 干部联千村
# (verb + a round number of villages), and 某某进社区/进村 (a campaign that brings something in; not
# the villages 东进村, 跃进社区);
# matched against the text right before the suffix
SLOGAN_BEFORE_VILLAGE = r"(?:[帮联带包结扶驻兴助][千百万]|以[\u4e00-\u9fff]{1,2}[带促兴强富帮]|[\u4e00-\u9fff]{2}进)$"
# words before a suffix that show a generic use (老旧小区, 城市社区, 各街道…)
GENERIC_STEMS = {
    "城市", "农村", "全国", "全省", "全市", "全区", "全县", "各个", "每个", "这个", "那个", "整个", "所在", "周边",
    "辖区", "相关", "有关", "其他", "其它", "本", "该", "各", "此", "老旧", "问题", "高龄", "无物业", "商住",
    "示范", "文明", "幸福", "和谐", "美丽", "健康", "平安", "智慧", "绿色", "特色", "先进", "模范", "新型",
    "普通", "一般", "传统", "大型", "小型", "新建", "铁路", "集聚型", "园区", "两个", "几个", "多个", "我们",
    "你们", "他们", "城中", "乡村", "城乡", "街道", "社区", "小区", "居民", "物业", "管理", "改造", "村改居",
    "试点", "重点", "典型", "所有", "部分", "新", "老", "大", "小", "本地", "当地", "外地", "家", "家门口", "新时代",
    "国际化",
    # governance titles (示范村(法治村), 星级社区); none is the name of a village or community in
    # the national division data
    "善治", "法治", "德治", "共治", "智治", "治理", "网格", "星级", "标杆", "样板",
    # a body's tie to the place (到联点社区, 帮扶村的村民); none is a name in the division data either
    "联点", "挂点", "包联", "驻点", "结对", "帮扶", "定点", "包保",
}

# ---- organisations ------------------------------------------------------------
# longest first; each may end an organisation name
# official bodies written short after a 省/市/区/县 prefix (市政协, 区人大, 县妇联): proper names
OFFICIAL_ABBREVIATIONS = ("政协", "人大", "人大常委会", "妇联", "团委", "总工会", "残联", "科协", "文联", "工商联", "侨联",
                          "红十字会")
ORG_SUFFIXES = tuple(sorted({
    "人民政府", "政府", "人民法院", "法院", "检察院", "委员会", "党工委", "党总支", "党支部", "党委", "纪委",
    "组织部", "宣传部", "统战部", "部门", "局", "厅", "委", "办公室", "指挥部", "大队", "支队", "总队",
    "交警", "派出所", "集团", "有限公司", "分公司", "公司", "银行", "支行", "分行", "物业", "医院", "卫生院",
    "敬老院", "养老院", "福利院", "学校", "小学", "中学", "大学", "学院", "幼儿园", "研究院", "研究所", "协会",
    "商会", "联合会", "基金会", "促进会", "合作社", "服务社", "事务所", "电视台", "出版社",
    "社会工作服务中心", "发展中心", "交流中心", "书店", "办", "分会", "调查队",
    # public institutions of a county or city (县妇幼保健院, 县图书馆, 县青少年宫)
    "保健院", "图书馆", "文化馆", "博物馆", "纪念馆", "科技馆", "青少年宫", "少年宫", "文化宫",
    # a named market, and an elderly-care provider of a county or city (某区某某居家养老服务中心)
    "农贸市场", "养老服务中心", "养老中心",
} | set(OFFICIAL_ABBREVIATIONS), key=len, reverse=True))
# a party body written right after an outside unit is that unit (某某公司党委 = 某某公司)
UNIT_PARTY_SUFFIXES = ("机关党支部", "机关党委", "党总支", "党支部", "党委")
# a branch written right after its parent body is one organisation (某某银行玉林支行)
BRANCH_SUFFIXES = ("支行", "分行", "分公司", "营业部", "分院", "分局", "分会", "调查队", "派出所")
# bodies inside a street or community that have no name of their own
INTERNAL_BODY_SUFFIXES = ("党工委", "党总支", "党支部", "党委", "委员会", "两委", "居委会", "业委会", "监委会", "委")
# a work unit's name inside a compound's name (某厂家属区, 某局宿舍): the compound, not the unit
UNIT_COMPOUND_HEADS = ("家属区", "家属院", "宿舍区", "宿舍", "住宅区", "生活区", "小区")
# words that end the stem of a body of the street or community itself (某社区居民委员会, 某乡政府)
OWN_BODY_STEM_ENDS = ("社区", "村", "街道", "街", "镇", "乡", "居委", "业委", "监委", "居民", "村民", "业主")
# bare kinds of business: 物业公司, 网约车公司, 交通部门 are not names
BARE_KIND_STEMS = {
    "物业", "网约车", "出租车", "快递", "外卖", "第三方", "社工", "专业", "交通", "物流", "家政", "保安", "中介",
    "施工", "建筑", "装修", "保洁", "环卫", "燃气", "供水", "供电", "电信", "移动", "联通", "上级", "各级", "有关",
    "相关", "职能", "主管", "行政", "执法", "公安", "高速", "民营", "国有", "私营", "非公", "共建", "后盾", "帮扶",
    "驻区", "驻村", "辖区", "企业", "单位", "团体", "社会", "公益", "慈善", "志愿", "志愿者", "爱心", "医疗", "卫生",
    "教育", "民政", "司法", "消防", "文化", "体育", "科技", "工作", "服务", "管理", "运营", "投资", "开发", "房地产",
    "当地", "本地", "外地", "附近", "周边", "一家", "这家", "该", "某", "其", "多家", "各", "全", "两", "几", "该区",
    "市场", "合作", "学生", "儿童", "老年", "老人", "党员", "居民", "业主", "社区", "小区", "街道", "网格", "基层",
}
MEDIA_SUFFIXES = ("日报", "晚报", "早报", "商报", "报社", "网", "卫视", "电视台", "频道", "客户端", "在线", "新闻")
# a place name before one of these names a historical event (台儿庄战役), not the place
EVENT_SUFFIXES = ("会战", "战役", "保卫战", "起义", "事变", "大捷", "惨案", "暴动")
RELATIVE_PREFIXES = {"省": 1, "市": 2, "州": 2, "区": 3, "县": 3}
# the community or one of its own bodies as the subject of a clause, and the adverbs that may
# follow it (社区还…, 某小区党支部又…): read by the rules that need the community to act itself
# (社区成立某某队; 柳岸社区还与某公司合作)
OWN_SUBJECT = r"(?:社区|村|小区|居委会|居委|党支部|党总支|党委)(?:还|又|也|积极|主动|先后|牵头|将|已经|已|多次)*"
# nouns of the role a body plays, written right before its name (共建单位某某银行, 辖区企业某某乳业):
# the name starts after them
ROLE_NOUNS = ("单位", "企业")
# words of a sentence that speaks of bodies or of backing: only such sentences are worth the
# statistical tagger's time (某某科技 携手 社区, 市政协 委员, 某某公益 志愿者)
BODY_CONTEXT_CUES = ("公司", "集团", "科技", "公益", "银行", "医院", "学院", "学校", "幼儿园", "协会", "中心", "联盟",
                     "政协", "人大", "共建", "结对", "联建", "签约", "携手", "联合", "帮扶", "捐", "赠", "支持", "单位",
                     "企业", "志愿", "党委", "党支部", "局", "委", "协", "大学", "中学", "小学")
# people of a body written right after its name (某某科技负责人): the name before them is whole
BODY_PEOPLE = ("负责人", "成员", "党员", "志愿者", "员工", "职工", "工作人员", "书记", "主任", "经理", "董事长",
               "代表", "干部", "团队", "医生", "老师", "专家", "社工", "负责同志", "一行")

# ---- relations ----------------------------------------------------------------
# a verb right before an organisation that makes it a supporter of the community in scope
SUPPORT_BEFORE = ("联合", "协调", "邀请", "携手", "联手", "依托", "引入", "引进", "对接", "链接", "联系", "借助",
                  "会同", "争取", "得到", "获得", "由", "召集")
# words after an organisation (same clause) that make it a supporter
SUPPORT_AFTER = ("后盾单位", "共建单位", "帮扶单位", "结对单位", "联点单位", "驻点单位", "共建", "合建", "结对",
                 "帮扶", "捐赠", "捐助", "资助", "赞助", "援建", "出资", "义诊", "提供", "支持", "上门", "签约", "慰问",
                 "送来", "捐", "筹集", "帮助", "协助", "开设", "开办", "认领", "对接", "选派", "到村", "进村", "入村")
# words after an organisation that make it a supporter only when the community follows in the clause
# (走进某社区, 给予某社区补贴; but 来到现场, 给予表扬, 联合调研组)
SUPPORT_TOWARD = ("走进", "深入", "联合", "来到", "给予", "补贴", "购买服务", "承接", "派出", "坐诊")
# verbs of joint work right after 与/同 + an organisation (社区与某公司合作改造, 与某大队开展演练)
SUPPORT_JOINT = ("合作", "开展", "联合", "共同", "携手")
# a clause that states support for the community whatever the verb
SUPPORT_CLAUSE = ("后盾单位", "共建单位", "帮扶单位", "联点", "结对", "签约", "义诊", "合作协议", "共建协议")
# a work team or cadre a unit sends to a village (某局驻某村工作队): the unit backs the village
TEAM_CUES = ("驻村工作队", "扶贫工作队", "帮扶工作队", "扶贫工作组", "帮扶工作组", "驻村帮扶", "驻村扶贫", "帮扶干部",
             "驻村第一书记", "派出工作队", "工作队", "工作小组", "工作组", "第一书记")
# the cues above that are a person sent by the unit only when 驻 comes before them (某局派驻某村第一书记;
# but 某村党支部第一书记 is the village's own)
STATIONED_CUES = ("第一书记",)
# the cues above that name the sending unit right before them even when it has no type suffix
# (某某电建扶贫工作组); the bare 工作队 and 驻村帮扶 also follow places and villages
SENDER_CUES = ("驻村工作队", "扶贫工作队", "帮扶工作队", "扶贫工作组", "帮扶工作组", "帮扶干部")
# a clause that credits a picture or a source (本版图片由某局提供, 某局供图): not support
CREDIT_CUES = ("图片由", "照片由", "供图", "图片来源", "资料由")
# words after a body that make it a person's title or office, not the actor of its clause
TITLE_AFTER = ("书记", "会长", "主任", "局长", "负责人", "特派员", "副", "委员", "常委", "行长", "经理", "董事长", "院长",
               "校长", "领导", "代表", "相关", "驻")
# 在甲、乙的大力支持下: the bodies inside the frame back the community
FRAME_HEADS = ("推动", "支持", "帮助", "帮扶", "协调", "指导", "关心", "关怀", "资助", "援助")
# 某医院为独居户装上…, 某公司为村里修建…: a body that carries works into the community
CARRY_VERBS = ("安装", "修建", "新建", "新修", "修通", "建设", "建成", "改造", "更换", "增设", "硬化", "铺设", "捐建", "修筑",
               "援建", "配备", "加装", "搭建", "打造", "建起", "设立", "开设", "设置", "开办")

# ---- projects -----------------------------------------------------------------
WORK_VERBS = ("提质改造", "升级改造", "翻新改造", "改造提升", "安装", "修建", "新建", "新修", "修通", "改造", "更换",
              "增设", "硬化",
              "翻新", "修缮", "铺设", "更新", "建起", "建成", "办起", "开设", "设立", "装修", "完善", "维修", "修复",
              "加装", "改建", "扩建", "新增", "配备", "搭建", "建设", "打造", "开办", "创办", "组建", "组成",
              "落实", "建立", "实施", "开通", "整修", "粉刷", "运行", "开展", "实行", "推进",
              "埋设", "建造", "新打", "种植", "发展", "购置", "配置", "拔除", "整饰", "拆除", "架设", "修筑", "疏通",
              "整治", "捐建", "援建", "运营", "刷白", "合建", "合修", "成立", "新铺", "新装", "翻修")
# works written after their object: 停车场升级改造, 巷道硬化
OBJECT_FIRST_VERBS = ("提质改造", "升级改造", "翻新改造", "改造提升", "改造", "硬化", "翻新", "更新", "修缮", "安装",
                      "刷白", "粉刷", "维修", "整修", "更换")
# provision of premises by a supporter: 提供…社区服务用房和门面
PROVIDE_VERBS = ("提供", "捐赠")
PROVIDE_HEADS = ("用房", "门面", "场地", "房屋", "办公用房")
# livestock, seedlings and farms handed out or brought in under a poverty or village-industry
# programme (向农户投放基础母羊, 发放鸡苗, 引进肉牛养殖项目): heads of projects, and the verbs that
# give a project only with one of them (not 发放慰问金, 引进人才, 发放危房告知书)
HANDOUT_VERBS = ("投放", "发放", "分发", "引进")
HANDOUT_HEADS = ("母羊", "种羊", "羊羔", "湖羊", "肉羊", "牛犊", "种牛", "肉牛", "母牛", "仔猪", "种猪", "母猪", "鸡苗",
                 "鸭苗", "鹅苗", "鱼苗", "种苗", "树苗", "果苗", "茶苗", "种兔", "蜂箱", "蜂群", "养殖", "种植")
# verbs that only count before an object that is a facility or standing programme
WEAK_WORK_VERBS = {"运营", "成立", "完善", "新增", "配备", "建设", "打造", "组建", "组成", "落实", "建立", "实施", "开通", "种植", "发展",
                   "开设", "开办", "创办", "办起", "建起", "建成", "设立", "运行", "开展", "实行", "推进"}
# a modifier that names a kind of project, not one project (惠民项目, 民生工程); some are tagged as
# names by jieba's dictionary (惠民, 敬老), so the ordinary-word test alone misses them
PROJECT_KIND_WORDS = {"惠民", "惠农", "便民", "利民", "为民", "民生", "民心", "暖心", "敬老", "康养", "宜居", "公益",
                      "重点", "示范", "品牌", "实事"}
# heads that make a phrase a facility, a work or a standing programme
PROJECT_HEADS = (
    "工程", "项目", "改造", "绿化", "硬化", "翻新", "修缮", "更新", "开窗", "布局", "遮挡", "铺设", "便民柜", "柜",
    "路灯", "灯", "充电棚", "充电桩", "车棚", "雨棚", "棚", "亭", "岗亭", "长廊", "广场", "公园", "游乐场", "场",
    "管道", "管网", "水管", "报警器", "摄像头", "监控", "系统", "门禁", "电梯", "晾衣绳", "栅栏", "护栏", "围墙",
    "设施", "器材", "垃圾池", "垃圾站", "垃圾台", "洗手池", "池", "站", "室", "厅", "馆", "书屋", "食堂",
    "驿站", "用房", "门面", "四合院", "服务", "志愿服务", "托管班", "班", "队", "课", "公开课", "课堂", "学堂",
    "讲堂", "示范点", "基金", "超市", "诊所", "药房", "医保", "社保", "道路", "路面", "通道", "桥", "花坛",
    "娱乐室", "活动室", "健身", "红袖章", "路", "公路", "冷库", "仓库", "问诊点", "服务点", "代办点",
    "停车位", "车位", "停车场", "服务中心", "照料中心", "之家", "设备",
    # rural and utility works: water, drainage, roads, power, farms and village industries
    "下水道", "沟渠", "水渠", "渠", "机井", "水井", "井", "山塘", "水库", "蓄水池", "水池", "桥涵", "桥梁", "涵洞",
    "大棚", "车间", "保存库", "库", "窖", "基地", "果园", "养殖场", "产业园", "电站", "光伏", "农机", "线缆", "管线",
    "电线杆", "自来水", "产业", "养殖", "危房", "水厂", "处理厂", "加工厂", "收集点", "投放点", "饭堂",
    "造林", "戏台", "活动中心", "仓储中心", "幸福院", "种植", "加工点", "菜园", "直供点", "餐桌", "游园", "连廊",
    "学习角", "图书角", "托育点", "晾衣架", "机耕道", "步道", "绿道", "巷道", "便道", "村道",
    # a village's sanitation and its old buildings (改造旱厕, 拆除危旧土坯房, 种植苗木)
    "厕所", "公厕", "旱厕", "户厕", "土坯房", "旧房", "猪圈", "牛栏", "猪牛栏", "苗木",
    # parts of a building and its surroundings, and what is painted or put up on them
    "屋顶", "外墙", "立面", "外立面", "墙体", "墙", "主题墙", "彩绘", "墙绘", "宣传栏", "防滑砖", "绿化带", "绿化树",
    "分类桶", "凉亭", "病床", "饭桌", "村部", "村室", "卫生室", "无障碍通道", "书屋", "广场",
)
# verbs that set up a team or a body (组建“某某”志愿服务队): the team is then its founder's own
FOUNDING_VERBS = ("组织成立", "组建", "成立", "创立", "组成", "建立", "打造", "培育", "孵化")
# words for what is done to a thing (对墙体进行加固, 对外墙统一粉刷)
TREATMENTS = ("整治", "加固", "粉刷", "规整", "铺设", "养护", "更新改造", "提质改造", "升级改造", "改造", "维修",
              "修缮", "硬化", "绿化", "亮化", "美化", "清淤", "整修", "翻新", "彩绘", "整饰", "疏通", "修复", "改建",
              "重建", "防水", "检修", "修补", "清掏", "拓宽", "绘制", "刷白", "刷漆", "划线", "分流", "种植", "翻修")
# a facility opened (某某食堂正式开业, “某某之家”在某小区建成)
OPENING_VERBS = ("开业", "揭牌", "启用", "投入使用", "建成", "落成", "开张", "挂牌", "开园", "开馆")
# time words that name a kind of facility or service (老年食堂, 暑期托管班), not when it was done
ATTRIBUTE_TIMES = ("老年", "暑期", "寒假", "暑假", "日间", "夜间", "午间", "晚间", "周末", "假期", "课后", "四点半")
# verbs of a work's progress written after it (某某工程已动工, 某某电站已并网发电)
STATE_VERBS = ("竣工", "完工", "动工", "开工", "建成", "落成", "投用", "投入使用", "交付使用", "启用", "并网发电", "通水",
               "通车", "完成", "并网")
# verbs that tell a thing changed into another (铁皮车棚改成了雨棚, 照明全部改为LED灯, 土路变成了柏油路)
CHANGE_VERBS = ("改成", "改为", "变成", "换成", "变身为", "改造为")
# heads of a village's farm, a project wherever named (某某肉鸭养殖场); industrial parks (产业园) are not
# annotated (guidelines)
INDUSTRY_HEADS = ("养殖场", "养殖基地", "种植基地", "花卉基地", "苗木基地", "果园", "茶园", "种植园",
                  "养殖小区", "产业基地")
# heads of a physical facility, also inside a quoted name (来到“某某议事亭”)
FACILITY_HEADS = ("食堂", "饭堂", "餐厅", "饭桌", "超市", "小屋", "驿站", "书屋", "广场", "公园", "长廊", "亭", "议事亭",
                  "之家", "服务站", "守护站", "活动室", "议事室", "阅览室", "便民柜", "充电棚", "服务中心", "照料中心",
                  "课堂", "调解室", "修补站", "托育点", "学习角", "图书角")
# words of a routine: a facility written right before one is a standing service (某某饭堂每天为老人
#供餐, “某某课堂”由大学生志愿者辅导)
ROUTINE_CUES = ("每天", "每日", "每周", "每月", "每晚", "每逢", "每到", "定期", "常年", "全年", "由")
# heads that make a phrase a method, event, campaign, title or problem instead
NOT_PROJECT_HEADS = (
    "模式", "机制", "工作法", "方法", "理念", "思路", "平台", "体系", "制度", "责任制", "行动", "整治", "活动",
    "会议", "大会", "讲座", "演练", "比赛", "评比", "游戏", "仪式", "节", "宴", "问题", "难题", "目标", "要求",
    "精神", "作风", "劲头", "力量", "品牌", "称号", "单位", "荣誉", "成绩单", "密码", "格局", "管理", "网格",
    "意识", "能力", "水平", "氛围", "关系", "环境", "建议", "意见", "方案", "协议", "工作", "任务", "事故",
    "场所", "现象", "情况", "主题", "口号", "标准", "举措", "措施", "亮点", "特色", "经验", "做法", "路径",
    "计划书", "报告", "通知", "通知书", "宣传", "教育", "培训", "学习", "摸排", "排查", "检查", "巡查", "现场",
    "主导产业", "支柱产业",
    # stores of records, not things built (纳入城市更新项目库)
    "项目库", "资源库", "数据库", "人才库",
)
# a standing programme: the activity recurs (定期开展“三个一”活动)
STANDING_CUES = ("定期", "常态化", "长期", "持续", "每月", "每周", "每年", "坚持", "常年")
# lists that enumerate works: 完成…12个项目，包括 A、B、C 等
LIST_INTRO = ("包括", "包含", "涵盖", "含", "如", "例如", "比如", "分别是", "即")
# what a list of works is called after its 等 (甲、乙等基础类项目, 甲、乙等10余个项目); a list of things
# (甲、乙等娱乐设施) is one work, left to the work verb before it
LIST_KINDS = ("项目", "工程", "实事")
# classes a list of works is summed up as (新建甲、乙等基础设施)
LIST_CLASSES = ("基础设施", "设施", "民生工程", "工程", "项目", "民生项目")
# objects whose renovation is a programme of a whole area, not one work (老旧小区改造, 城市更新)
PROGRAMME_OBJECTS = ("老旧小区", "城镇老旧小区", "城市", "城镇", "村容村貌", "人居环境", "小区", "社区", "居民", "各项",
                     "全面", "片区", "旧城", "棚户区")
# words after which such a list starts (改造内容包括甲、乙; 还将甲、乙; 使甲、乙)
LIST_OPENERS = ("包括了", "包括", "包含", "涵盖", "除了", "还有", "如", "例如", "比如", "将", "把", "使", "让",
                "完成了", "完成", "实施了", "实施", "推进", "开展了")
# service programmes reported as 助餐服务方面, …
PROGRAMME_SUFFIX = "服务"
