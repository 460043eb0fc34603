//! Chinese text the data is made of: names, organisations, dialog flows and their scripts.

pub const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
    "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "段", "雷", "侯", "龙",
    "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "武", "戴", "莫", "孔",
    "欧阳", "司马", "诸葛", "上官",
];

pub const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "霞", "平", "刚", "辉", "鹏", "华", "飞", "玲", "桂", "英", "秀", "兰", "文", "斌", "宇",
    "浩", "凯", "婷", "雪", "琳", "晨", "欣", "怡", "佳", "子", "涵", "梓", "轩", "思", "雨", "博",
    "昊", "然", "嘉", "俊", "晓", "红", "建", "国", "志", "海", "波", "燕", "萍", "立", "新", "春",
    "梅", "宁", "亮", "峰", "成", "林", "颖", "倩", "薇", "瑶", "悦", "泽", "阳", "鑫",
];

/// Mobile prefixes of the three carriers; the 8 digits after them are random.
pub const MOBILE_PREFIXES: &[u64] = &[
    130, 131, 132, 133, 135, 136, 137, 138, 139, 150, 151, 152, 153, 155, 156, 157, 158, 159, 166,
    170, 173, 175, 176, 177, 178, 180, 181, 182, 183, 185, 186, 187, 188, 189, 191, 198, 199,
];

/// `createdByUserName` values.
pub const CREATORS: &[&str] = &[
    "超管",
    "张经理",
    "李文静",
    "王磊",
    "陈晨（销售一组）",
    "刘洋",
    "运营-赵敏",
];

/// `organizationName` values.
pub const ORGANIZATIONS: &[&str] = &[
    "系统内置",
    "杭州销售中心",
    "南京分公司",
    "上海运营部",
    "客服中心",
    "市场部",
];

/// Customer groups: (customerGroupId, name).
pub const GROUPS: &[(u64, &str)] = &[
    (181, "研发"),
    (201, "3月新客"),
    (202, "老客户回访"),
    (203, "展会名单"),
    (204, "线上留资"),
    (205, "VIP客户"),
    (206, "沉睡客户"),
    (207, "渠道导入"),
    (208, "门店到访"),
    (209, "活动报名"),
];

/// Everything a customer can be concerned about; a call's concerns are a bit mask over this.
pub const CONCERNS: &[&str] = &[
    "价格",
    "地理位置",
    "交通",
    "安全",
    "健身",
    "户型",
    "学区",
    "优惠活动",
    "售后服务",
    "利率",
    "额度",
    "还款方式",
    "课程时间",
    "师资",
    "理赔",
    "工期",
];

/// A concern a flow knows about: (index into CONCERNS, customer's question, robot's answer).
pub type Topic = (usize, &'static str, &'static str);

/// A dialog flow (话术) and the lines of its script.
pub struct Flow {
    pub id: u64,
    pub name: &'static str,
    /// Used in job names.
    pub theme: &'static str,
    pub opening: &'static str,
    pub pitches: &'static [&'static str],
    pub topics: &'static [Topic],
    pub close_interested: &'static str,
    /// `intentLevelTagId` of the flow's intent tag set.
    pub tag_set: u64,
}

pub const FLOWS: &[Flow] = &[
    Flow {
        id: 101,
        name: "江北商业综合体推介",
        theme: "楼盘推介",
        opening:
            "想问下您位于江北纬七路隧道附近，均价17000的高端商业综合体，我可以给您介绍一下吗？",
        pitches: &[
            "项目是地铁上盖，商场、写字楼、住宅一体，目前还有少量房源。",
            "这周末售楼处有开放日活动，到访就送精美礼品。",
            "我们主推建面89到128平米的三房和四房。",
        ],
        topics: &[
            (
                0,
                "价格大概多少？",
                "目前均价在17000左右，首付两成起，具体看楼层和户型。",
            ),
            (
                1,
                "具体在什么位置？",
                "就在江北纬七路隧道出口往北两百米，浦口大道和江北大道交汇处。",
            ),
            (
                2,
                "交通方便吗？",
                "项目距离地铁三号线站点步行五分钟，过江隧道十分钟到市区。",
            ),
            (
                3,
                "小区安全怎么样？",
                "小区是全封闭管理，二十四小时安保巡逻，人脸识别门禁。",
            ),
            (
                5,
                "有什么户型？",
                "有89平的三房两厅和128平的四房两厅，南北通透。",
            ),
            (
                6,
                "学区怎么样？",
                "项目配建一所九年制学校，对口的是区重点小学。",
            ),
        ],
        close_interested:
            "好的，稍后会有置业顾问加您微信，把户型图和价格表发给您，祝您生活愉快，再见！",
        tag_set: 0,
    },
    Flow {
        id: 102,
        name: "少儿英语体验课邀约",
        theme: "英语体验课",
        opening: "我们少儿英语中心本周有免费的外教体验课，想邀请孩子来试听一下，您看方便吗？",
        pitches: &[
            "体验课是外教小班授课，一个班不超过六个孩子。",
            "课后老师会给孩子做一个免费的英语水平测评。",
            "现在报名还可以领取一套原版绘本。",
        ],
        topics: &[
            (
                0,
                "学费怎么收？",
                "正式课程按课时收费，现在报名年课有八五折优惠。",
            ),
            (
                12,
                "上课时间是什么时候？",
                "周六周日上午和下午都有班，工作日晚上也有一个班。",
            ),
            (
                13,
                "老师是哪里的？",
                "外教都有教师资格证，中教是英语专业八级。",
            ),
            (1, "你们在哪里？", "我们在万达广场三楼，旁边就是地铁站。"),
            (
                7,
                "现在有什么活动？",
                "本月报名送十节外教课，另外老学员推荐还有礼品。",
            ),
        ],
        close_interested: "好的，我先帮您预约本周六上午十点的体验课，稍后短信把地址发给您，再见！",
        tag_set: 1,
    },
    Flow {
        id: 103,
        name: "信用卡分期回访",
        theme: "信用卡分期",
        opening:
            "您的信用卡目前有一笔账单可以办理分期，手续费有限时优惠，想跟您简单介绍一下可以吗？",
        pitches: &[
            "分期可以选择三期、六期或者十二期。",
            "办理之后不影响您的信用记录。",
            "现在办理还可以参加积分翻倍的活动。",
        ],
        topics: &[
            (
                9,
                "利息是多少？",
                "十二期每期手续费率是百分之零点六，现在有八折优惠。",
            ),
            (
                10,
                "额度能提高吗？",
                "您目前的账户情况良好，可以申请临时额度提升。",
            ),
            (
                11,
                "怎么还款？",
                "每月账单日自动扣款，也可以在手机银行提前还清。",
            ),
            (
                7,
                "有什么优惠？",
                "本月办理分期，手续费打八折，还送一百元话费券。",
            ),
            (
                3,
                "这个电话是真的吗？",
                "您可以拨打卡片背面的官方客服电话核实，我们不会索要您的密码和验证码。",
            ),
        ],
        close_interested: "好的，稍后会把办理链接通过短信发给您，您按提示操作就可以，再见！",
        tag_set: 2,
    },
    Flow {
        id: 104,
        name: "健身会员续费提醒",
        theme: "会员续费",
        opening: "您的健身会员卡下个月就要到期了，现在续费有老会员专属优惠，想跟您说一下。",
        pitches: &[
            "我们门店新增了动感单车和普拉提的团课。",
            "续费一年还赠送两节私教课。",
            "器械区这个月刚换了一批新设备。",
        ],
        topics: &[
            (
                0,
                "续费多少钱？",
                "老会员续一年是一千九百八，比新办卡便宜一千块。",
            ),
            (
                4,
                "有私教课吗？",
                "有的，私教课可以单独购买，续费用户有九折优惠。",
            ),
            (
                12,
                "营业时间是几点？",
                "我们早上六点到晚上十一点营业，周末也一样。",
            ),
            (
                1,
                "你们搬家了吗？",
                "没有搬，还在原来的位置，地下停车场可以免费停两小时。",
            ),
            (
                7,
                "还有别的活动吗？",
                "本月续费还可以参加抽奖，最高送半年卡。",
            ),
        ],
        close_interested: "好的，您到店前台报手机号就可以续费，我们给您保留优惠名额，再见！",
        tag_set: 0,
    },
    Flow {
        id: 105,
        name: "车险续保提醒",
        theme: "车险续保",
        opening: "您的车险还有三十天到期，我们这边可以提前给您报个续保价格，您看可以吗？",
        pitches: &[
            "今年您没有出险记录，保费可以享受优惠系数。",
            "续保可以线上办理，电子保单当天生效。",
            "我们还提供免费的道路救援服务。",
        ],
        topics: &[
            (
                0,
                "今年多少钱？",
                "交强险加商业险，今年大概比去年便宜三百多元。",
            ),
            (
                14,
                "理赔方便吗？",
                "小额案件线上拍照就能理赔，最快当天到账。",
            ),
            (
                8,
                "售后有什么服务？",
                "续保送全年四次免费洗车和一次免费年检代办。",
            ),
            (7, "有没有礼品？", "本月续保送一桶机油或者一张加油卡。"),
        ],
        close_interested: "好的，报价单稍后发到您手机上，您确认之后我们安排出单，再见！",
        tag_set: 3,
    },
    Flow {
        id: 106,
        name: "装修需求回访",
        theme: "装修回访",
        opening: "您之前在我们平台咨询过装修，想了解一下您家房子现在装修了吗？",
        pitches: &[
            "我们可以免费上门量房，出设计方案。",
            "全包套餐包含水电、瓦工、木工和主材。",
            "我们有一个样板间，您可以过来实地看看工艺。",
        ],
        topics: &[
            (
                0,
                "装修大概多少钱？",
                "按套内面积算，全包套餐每平米一千二起。",
            ),
            (
                15,
                "工期多长？",
                "一百平左右的房子，正常工期是七十五天左右。",
            ),
            (8, "有保修吗？", "水电保修十年，其他项目保修两年。"),
            (
                5,
                "小户型能做吗？",
                "可以的，我们有专门的小户型收纳设计方案。",
            ),
            (7, "最近有活动吗？", "本月签约送全屋净水系统，设计费全免。"),
        ],
        close_interested: "好的，我让设计师明天跟您约量房时间，您注意接听电话，再见！",
        tag_set: 1,
    },
    Flow {
        id: 107,
        name: "售后满意度回访",
        theme: "满意度回访",
        opening: "您上周在我们门店办理了业务，想占用您一分钟做个满意度回访，可以吗？",
        pitches: &[
            "请问您对我们工作人员的服务态度满意吗？",
            "请问办理过程中等待时间长吗？",
            "您觉得还有哪些地方需要我们改进？",
        ],
        topics: &[
            (
                8,
                "上次的问题还没解决。",
                "非常抱歉，我这边记录下来，会让负责的同事二十四小时内联系您。",
            ),
            (
                0,
                "收费是不是太贵了？",
                "您的意见我们会反馈给相关部门，后续有优惠会第一时间通知您。",
            ),
            (
                2,
                "停车太难了。",
                "好的，我们会把停车的问题反馈给门店，感谢您的建议。",
            ),
        ],
        close_interested: "感谢您的反馈，祝您生活愉快，再见！",
        tag_set: 4,
    },
    Flow {
        id: 108,
        name: "小微企业贷款推介",
        theme: "经营贷推介",
        opening: "我们银行针对小微企业主推出了低息经营贷，最快当天放款，想问您最近有资金需求吗？",
        pitches: &[
            "申请全程线上办理，不需要抵押。",
            "额度根据企业的开票和纳税情况评估。",
            "借款可以随借随还，按日计息。",
        ],
        topics: &[
            (
                9,
                "年化利率多少？",
                "年化利率最低百分之三点四五，具体以审批结果为准。",
            ),
            (
                10,
                "最多能贷多少？",
                "额度最高三百万，一般是开票金额的两到三成。",
            ),
            (
                11,
                "可以先息后本吗？",
                "可以选择先息后本，也可以等额本息，期限最长三年。",
            ),
            (
                3,
                "你们是正规银行吗？",
                "我们是持牌银行，您可以在官方手机银行上核实产品信息。",
            ),
        ],
        close_interested: "好的，稍后客户经理会加您微信，协助您线上申请，再见！",
        tag_set: 2,
    },
];

/// Robot lines used in any flow.
pub const ROBOT_GREETING: &str = "喂，您好，";
pub const ROBOT_FILLERS: &[&str] = &[
    "好的，那我简单给您介绍一下。",
    "明白，您看您这边还有什么想了解的吗？",
    "不好意思，刚才没听清，您能再说一遍吗？",
    "理解的，那我长话短说，（停顿2s）",
    "嗯嗯，是这样的，",
];
/// Robot questions that keep a conversation going once the flow's pitches are used up.
pub const ROBOT_FOLLOWUPS: &[&str] = &[
    "请问您之前有了解过我们吗？",
    "那您看什么时候方便，我让专人跟您详细沟通一下？",
    "我们这个活动名额有限，您看要不要先帮您登记一下？",
    "您还有其他想了解的吗？",
    "请问您平时周末有时间吗？",
];
pub const ROBOT_CLOSE_POLITE: &[&str] = &[
    "好的，那就不打扰您了，祝您生活愉快，再见！",
    "好的，打扰您了，有需要可以随时联系我们，再见！",
];
pub const ROBOT_CLOSE_LATER: &str = "好的，那我晚点再联系您，祝您工作顺利，再见！";

/// Customer lines used in any flow.
pub const PERSON_HELLO: &[&str] = &[
    "喂？",
    "你好，哪位？",
    "嗯，你说。",
    "喂，你好。",
    "哪里啊？",
];
pub const PERSON_GENERIC: &[&str] = &[
    "嗯",
    "嗯嗯",
    "然后呢？",
    "你继续说。",
    "哦，这样啊。",
    "还行吧。",
    "可以了解一下。",
];
pub const PERSON_REFUSE: &[&str] = &["不需要，谢谢。", "没兴趣，别再打了。", "不用了。"];
pub const PERSON_BUSY: &[&str] = &["我现在在忙，晚点再说吧。", "在开会，不方便。"];
pub const PERSON_YES: &[&str] = &[
    "好的，那你加我微信吧。",
    "可以，你让顾问联系我。",
    "行，发我短信吧。",
];
pub const PERSON_BYE: &[&str] = &["好的，再见。", "嗯，我考虑一下。", "知道了。"];
/// A customer who hangs up during the greeting.
pub const PERSON_HANG_UP: &[&str] = &["打错了。", "喂？喂？", "谁啊？"];

/// Customer `properties`: key and possible values.
pub const PROPERTIES: &[(&str, &[&str])] = &[
    ("来源渠道", &["抖音", "百度推广", "门店", "展会", "老带新"]),
    ("城市", &["杭州", "南京", "上海", "苏州", "合肥"]),
    (
        "备注",
        &["周末方便接听", "上次咨询过价格", "晚上不要打", "已加微信"],
    ),
    ("预算", &["10万以内", "10-50万", "50万以上"]),
];

/// Customer `attributes` (tags).
pub const CUSTOMER_TAGS: &[&str] = &["高意向", "已加微信", "老客户", "价格敏感", "需回访"];

/// `source` of a customer.
pub const SOURCES: &[&str] = &["UPLOADED_BY_YOURSELF", "CRM_IMPORT", "API_PUSH"];

/// Job descriptions (or null).
pub const DESCRIPTIONS: &[&str] = &[
    "优先拨打近一个月留资的客户",
    "周末不外呼",
    "测试新版话术的效果",
    "重点跟进A、B类客户",
];

/// Area codes (with their 0) of cities whose landlines have 8 local digits.
pub const AREA_CODES: &[&str] = &["010", "021", "020", "025", "0571", "0512", "0551", "0755"];

/// How a customer gives a callback number: (words before it, words after it), by the way the
/// number is written (11 digits, 3-4-4 with spaces, +86, landline).
pub const CALLBACK_MOBILE: &[(&str, &str)] = &[
    ("我的手机号是", "。"),
    ("你记一下，我手机号", "，打这个就行。"),
    ("打我这个号吧，", "，白天都能接。"),
];
pub const CALLBACK_SPACED: &[(&str, &str)] =
    &[("回电请打 ", "。"), ("你记一下，", "，晚上打这个。")];
pub const CALLBACK_INTL: &[(&str, &str)] = &[
    ("我现在用的是 ", " 这个号，打这个。"),
    ("号码你记一下，", "。"),
];
pub const CALLBACK_LANDLINE: &[(&str, &str)] =
    &[("座机 ", "，工作日都有人。"), ("打我办公室座机吧，", "。")];
/// Said before the number when the customer gives it in the last turn.
pub const CALLBACK_LEAD_YES: &str = "可以，你让顾问联系我，";
pub const CALLBACK_LEAD_BUSY: &str = "我现在在忙，晚点再说吧，";
/// The robot repeating the number back in its next turn (around the number).
pub const ROBOT_REPEAT: (&str, &str) = ("好的，号码是 ", " 对吧？");
/// The same, before the closing line.
pub const ROBOT_REPEAT_CLOSE: (&str, &str) = ("号码 ", " 已经记下了。");

/// Customer `properties` key of a spare number some customers have.
pub const SPARE_PHONE_KEY: &str = "备用电话";
