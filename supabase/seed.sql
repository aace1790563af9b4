-- V-Tax demo and reference data (runs once on a fresh database, after all migrations, in one transaction, as
-- superuser). Re-running it changes nothing: every row has an explicit (or derived) key and `on conflict do
-- nothing`; the profile update and generate_slots() only touch what is missing or different.
--
-- What is real and what is not:
--   * Regions: Guangdong's 21 prefecture-level cities and the districts of 广州, 深圳, 珠海 and 佛山 with their
--     GB/T 2260 administrative division codes. 大鹏新区 (Shenzhen) is a functional area without a division code of
--     its own, so it is not listed (regions are keyed by the 6-digit code); its taxpayers pick 龙岗区.
--   * Service halls: names follow the State Taxation Administration's naming of district tax bureaus; addresses are
--     illustrative demo data, the phone is the national tax service hotline 12366.
--   * Catalog: real tax and fee business (topics, nodes, forms, materials, time limits) as a Guangdong tax office
--     would offer it. Form A02095《代开增值税发票缴款申报单》 carries its official code; forms whose official code
--     this seed could not confirm carry a local placeholder code starting with "VT-" (replace before production).
--   * People: fictitious. Names 张三/李四/王五/赵六 …, ID numbers with birth date 1990-01-01 and valid check digits,
--     phones 138/139/137 0000 xxxx, unified social credit codes with valid check characters. See
--     docs/demo-identities.md.
--
-- Fixed ids (other code, tests and docs refer to them):
--   halls        b0000000-0000-4000-8000-0000000000NN   (01 天河第一税务分局 … 08)
--   categories   ca000000-0000-4000-8000-0000000000CC   subcategories cb000000-0000-4000-8000-00000000CCSS
--   topics       cc000000-0000-4000-8000-00000000CCTT   nodes         cd000000-0000-4000-8000-0000000CCTTN
--                (e.g. topic …000000000202 代开增值税发票 → node …000000002021 自然人代开增值税普通发票)
--   questions    ce000000-…   answers cf000000-…   forms f0000000-…   materials fa000000-…
--   people       10000000-0000-4000-8000-000000000NNN   enterprises   e0000000-0000-4000-8000-0000000000NN
--   registry     a0000000-0000-4000-8000-000000000NNN   whitelist     a1000000-0000-4000-8000-000000000NNN
--                (NNN: 001–006 taxpayers, 101–103 天河 officers, 201–203 香洲 officers, 301 值班长, 901 admin)
-- Ids of node requirements and slot templates are derived (md5 of a readable key), so they are stable too.

-- ---------------------------------------------------------------------------------------------------------------
-- 1. Regions (省 → 市 → 区)
-- ---------------------------------------------------------------------------------------------------------------
insert into public.regions (code, name, level, parent_code, sort) values
  ('440000', '广东省', 'province', null, 1)
on conflict (code) do nothing;

insert into public.regions (code, name, level, parent_code, sort) values
  ('440100', '广州市', 'city', '440000', 1),
  ('440300', '深圳市', 'city', '440000', 2),
  ('440400', '珠海市', 'city', '440000', 3),
  ('440500', '汕头市', 'city', '440000', 4),
  ('440600', '佛山市', 'city', '440000', 5),
  ('440200', '韶关市', 'city', '440000', 6),
  ('440800', '湛江市', 'city', '440000', 7),
  ('441200', '肇庆市', 'city', '440000', 8),
  ('440700', '江门市', 'city', '440000', 9),
  ('440900', '茂名市', 'city', '440000', 10),
  ('441300', '惠州市', 'city', '440000', 11),
  ('441400', '梅州市', 'city', '440000', 12),
  ('441500', '汕尾市', 'city', '440000', 13),
  ('441600', '河源市', 'city', '440000', 14),
  ('441700', '阳江市', 'city', '440000', 15),
  ('441800', '清远市', 'city', '440000', 16),
  ('441900', '东莞市', 'city', '440000', 17),
  ('442000', '中山市', 'city', '440000', 18),
  ('445100', '潮州市', 'city', '440000', 19),
  ('445200', '揭阳市', 'city', '440000', 20),
  ('445300', '云浮市', 'city', '440000', 21)
on conflict (code) do nothing;

insert into public.regions (code, name, level, parent_code, sort) values
  -- 广州市 (11 districts)
  ('440103', '荔湾区', 'district', '440100', 1),
  ('440104', '越秀区', 'district', '440100', 2),
  ('440105', '海珠区', 'district', '440100', 3),
  ('440106', '天河区', 'district', '440100', 4),
  ('440111', '白云区', 'district', '440100', 5),
  ('440112', '黄埔区', 'district', '440100', 6),
  ('440113', '番禺区', 'district', '440100', 7),
  ('440114', '花都区', 'district', '440100', 8),
  ('440115', '南沙区', 'district', '440100', 9),
  ('440117', '从化区', 'district', '440100', 10),
  ('440118', '增城区', 'district', '440100', 11),
  -- 深圳市 (9 districts; 大鹏新区 has no division code, see the header)
  ('440303', '罗湖区', 'district', '440300', 1),
  ('440304', '福田区', 'district', '440300', 2),
  ('440305', '南山区', 'district', '440300', 3),
  ('440306', '宝安区', 'district', '440300', 4),
  ('440307', '龙岗区', 'district', '440300', 5),
  ('440308', '盐田区', 'district', '440300', 6),
  ('440309', '龙华区', 'district', '440300', 7),
  ('440310', '坪山区', 'district', '440300', 8),
  ('440311', '光明区', 'district', '440300', 9),
  -- 珠海市 (3 districts)
  ('440402', '香洲区', 'district', '440400', 1),
  ('440403', '斗门区', 'district', '440400', 2),
  ('440404', '金湾区', 'district', '440400', 3),
  -- 佛山市 (5 districts)
  ('440604', '禅城区', 'district', '440600', 1),
  ('440605', '南海区', 'district', '440600', 2),
  ('440606', '顺德区', 'district', '440600', 3),
  ('440607', '三水区', 'district', '440600', 4),
  ('440608', '高明区', 'district', '440600', 5)
on conflict (code) do nothing;

-- ---------------------------------------------------------------------------------------------------------------
-- 2. Service halls (办税服务厅). The demo officers work in hall 01 (广州天河) and hall 06 (珠海香洲).
-- Opening hours are modelled by the slot templates below (working days 09:00–12:00 and 13:30–17:00).
-- ---------------------------------------------------------------------------------------------------------------
insert into public.service_halls (id, region_code, name, address, phone, sort) values
  ('b0000000-0000-4000-8000-000000000001', '440106', '国家税务总局广州市天河区税务局第一税务分局办税服务厅',
   '广州市天河区天府路', '12366', 1),
  ('b0000000-0000-4000-8000-000000000002', '440104', '国家税务总局广州市越秀区税务局办税服务厅',
   '广州市越秀区东风中路', '12366', 2),
  ('b0000000-0000-4000-8000-000000000003', '440113', '国家税务总局广州市番禺区税务局办税服务厅',
   '广州市番禺区市桥街清河东路', '12366', 3),
  ('b0000000-0000-4000-8000-000000000004', '440304', '国家税务总局深圳市福田区税务局第一税务所办税服务厅',
   '深圳市福田区深南大道', '12366', 4),
  ('b0000000-0000-4000-8000-000000000005', '440305', '国家税务总局深圳市南山区税务局办税服务厅',
   '深圳市南山区南山大道', '12366', 5),
  ('b0000000-0000-4000-8000-000000000006', '440402', '国家税务总局珠海市香洲区税务局办税服务厅',
   '珠海市香洲区人民东路', '12366', 6),
  ('b0000000-0000-4000-8000-000000000007', '440404', '国家税务总局珠海市金湾区税务局办税服务厅',
   '珠海市金湾区三灶镇金海岸大道', '12366', 7),
  ('b0000000-0000-4000-8000-000000000008', '440403', '国家税务总局珠海市斗门区税务局办税服务厅',
   '珠海市斗门区井岸镇', '12366', 8)
on conflict (id) do nothing;

-- ---------------------------------------------------------------------------------------------------------------
-- 3. Guidance catalog (智能导税): 业务大类 → 小类 → questions → 主题 → 业务节点
-- ---------------------------------------------------------------------------------------------------------------
insert into public.business_categories (id, code, name, audience, sort) values
  ('ca000000-0000-4000-8000-000000000001', 'registration', '综合信息报告', 'enterprise', 1),
  ('ca000000-0000-4000-8000-000000000002', 'invoice', '发票办理', 'both', 2),
  ('ca000000-0000-4000-8000-000000000003', 'declaration', '税费申报及缴纳', 'both', 3),
  ('ca000000-0000-4000-8000-000000000004', 'refund', '一般退（抵）税办理', 'both', 4),
  ('ca000000-0000-4000-8000-000000000005', 'preference', '优惠办理', 'both', 5),
  ('ca000000-0000-4000-8000-000000000006', 'certificate', '证明办理', 'both', 6),
  ('ca000000-0000-4000-8000-000000000007', 'social_insurance', '社保费业务', 'personal', 7)
on conflict (id) do nothing;

insert into public.business_subcategories (id, category_id, code, name, sort) values
  ('cb000000-0000-4000-8000-000000000101', 'ca000000-0000-4000-8000-000000000001', 'registration_identity', '身份信息报告', 1),
  ('cb000000-0000-4000-8000-000000000102', 'ca000000-0000-4000-8000-000000000001', 'registration_status', '状态信息报告', 2),
  ('cb000000-0000-4000-8000-000000000103', 'ca000000-0000-4000-8000-000000000001', 'registration_cross_region', '跨区域涉税事项', 3),
  ('cb000000-0000-4000-8000-000000000201', 'ca000000-0000-4000-8000-000000000002', 'invoice_use', '发票领用', 1),
  ('cb000000-0000-4000-8000-000000000202', 'ca000000-0000-4000-8000-000000000002', 'invoice_proxy', '发票代开', 2),
  ('cb000000-0000-4000-8000-000000000301', 'ca000000-0000-4000-8000-000000000003', 'iit', '个人所得税', 1),
  ('cb000000-0000-4000-8000-000000000302', 'ca000000-0000-4000-8000-000000000003', 'property_behavior_tax', '财产和行为税', 2),
  ('cb000000-0000-4000-8000-000000000401', 'ca000000-0000-4000-8000-000000000004', 'refund_overpaid', '误收多缴退抵税', 1),
  ('cb000000-0000-4000-8000-000000000501', 'ca000000-0000-4000-8000-000000000005', 'tax_relief', '税收减免', 1),
  ('cb000000-0000-4000-8000-000000000601', 'ca000000-0000-4000-8000-000000000006', 'certificates', '开具证明', 1),
  ('cb000000-0000-4000-8000-000000000701', 'ca000000-0000-4000-8000-000000000007', 'ss_individual', '个人社保费', 1)
on conflict (id) do nothing;

insert into public.topics (id, subcategory_id, code, name, sort, overview) values
  ('cc000000-0000-4000-8000-000000000101', 'cb000000-0000-4000-8000-000000000101', 'vat_general_registration',
   '增值税一般纳税人登记', 1,
   '增值税纳税人年应税销售额超过小规模纳税人标准（500万元）的，除按规定选择按照小规模纳税人纳税的以外，应当向主管税务机关办理一般纳税人登记；'
   '年应税销售额未超过标准以及新开业的纳税人，会计核算健全、能够提供准确税务资料的，也可以办理一般纳税人登记。'
   '纳税人填报内容与税务登记信息一致的，税务机关当场登记；一般纳税人登记生效后，除国家税务总局另有规定外，不得转为小规模纳税人。'),
  ('cc000000-0000-4000-8000-000000000102', 'cb000000-0000-4000-8000-000000000102', 'cancel_abnormal_status',
   '取消非正常户认定', 1,
   '已被认定为非正常户的纳税人，就其逾期未申报行为接受处罚、缴纳罚款，并补办纳税申报、补缴税款和滞纳金后，可申请解除非正常户认定，恢复正常状态。'
   '本业务为企业业务：以个人身份登录的法定代表人、财务负责人或办税人员，可在智能导税中选择“企业业务”后办理。办理时需要与税务人员视频连线核实身份。'),
  ('cc000000-0000-4000-8000-000000000103', 'cb000000-0000-4000-8000-000000000103', 'cross_region_report',
   '跨区域涉税事项报告', 1,
   '纳税人跨省（自治区、直辖市和计划单列市）临时从事生产经营活动的，应在外出生产经营前向机构所在地税务机关填报《跨区域涉税事项报告表》；'
   '首次在经营地办理涉税事宜时，向经营地税务机关报验；跨区域经营活动结束后，结清经营地税务机关的应纳税款及其他涉税事项，'
   '填报《经营地涉税事项反馈表》。报告的有效期按跨区域经营合同的有效期确定，未能提供合同的默认为180天；合同延期的，可以办理延期。'),
  ('cc000000-0000-4000-8000-000000000201', 'cb000000-0000-4000-8000-000000000201', 'invoice_receive',
   '发票领用', 1,
   '已办理税务登记（信息确认）的单位和个人，需要领用发票的，首次申领前应办理发票票种核定，确定领用发票的种类、数量及开票限额；'
   '此后可在核定范围内领用发票，可选择邮寄配送。需要领用增值税专用发票的，还应申请增值税专用发票（增值税税控系统）最高开票限额，由税务机关审批。'
   '已使用全面数字化的电子发票（数电发票）的纳税人无需领用发票，按授予的发票总额度开具。'),
  ('cc000000-0000-4000-8000-000000000202', 'cb000000-0000-4000-8000-000000000202', 'proxy_vat_invoice',
   '代开增值税发票', 1,
   '有销售行为的单位和个人（含自然人）需要开具增值税普通发票而不能自行开具的，以及已办理税务登记的小规模纳税人等按规定可予代开增值税专用发票的纳税人，'
   '可以向税务机关申请代开发票。申请时须如实填报A02095《代开增值税发票缴款申报单》，并按规定缴纳增值税及附加税费；'
   '其他个人代开发票按规定由税务机关代征个人所得税的，一并缴纳。'),
  ('cc000000-0000-4000-8000-000000000203', 'cb000000-0000-4000-8000-000000000202', 'proxy_invoice_rental',
   '个人出租不动产代开发票', 2,
   '其他个人出租不动产（含住房和非住房）需要开具发票的，可以向不动产所在地税务机关申请代开增值税发票。'
   '个人出租住房，按照5%的征收率减按1.5%计算应纳增值税；同时按规定缴纳城市维护建设税及附加、房产税、印花税、个人所得税等税费。'),
  ('cc000000-0000-4000-8000-000000000301', 'cb000000-0000-4000-8000-000000000301', 'iit_annual_settlement',
   '个人所得税综合所得年度汇算', 1,
   '居民个人取得工资薪金、劳务报酬、稿酬、特许权使用费四项综合所得的，在取得所得的次年3月1日至6月30日内办理年度汇算，多退少补。'
   '年度汇算需补税但综合所得收入全年不超过12万元、或补税金额不超过400元的，以及已预缴税额与年度应纳税额一致或不申请退税的，无需办理。'
   '可通过个人所得税APP或自然人电子税务局自行办理，也可通过远程可视化办税或到办税服务厅寻求帮办。'),
  ('cc000000-0000-4000-8000-000000000302', 'cb000000-0000-4000-8000-000000000301', 'iit_business_income',
   '个人所得税经营所得申报', 2,
   '个体工商户业主、个人独资企业投资人、合伙企业个人合伙人以及从事其他生产经营活动的个人取得经营所得的，按年计算个人所得税：'
   '在月度或季度终了后15日内填报《个人所得税经营所得纳税申报表（A表）》预缴税款，在取得所得的次年3月31日前填报（B表）办理汇算清缴。'),
  ('cc000000-0000-4000-8000-000000000303', 'cb000000-0000-4000-8000-000000000302', 'stamp_duty',
   '印花税申报', 1,
   '在中华人民共和国境内书立应税凭证、进行证券交易的单位和个人，应依照《中华人民共和国印花税法》缴纳印花税。'
   '印花税按季、按年或者按次计征：按季、按年计征的，自季度、年度终了之日起15日内申报缴纳；按次计征的，自纳税义务发生之日起15日内申报缴纳。'
   '申报时先填报《印花税税源明细表》，再通过《财产和行为税纳税申报表》合并申报。'),
  ('cc000000-0000-4000-8000-000000000304', 'cb000000-0000-4000-8000-000000000302', 'property_land_tax',
   '房产税、城镇土地使用税申报', 2,
   '房产税、城镇土地使用税按年计算、分期缴纳，具体纳税期限由省级人民政府确定。纳税人新增、变更或减少房产、土地的，'
   '应先在《城镇土地使用税 房产税税源明细表》中采集或更新税源信息，再通过《财产和行为税纳税申报表》合并申报缴纳。'),
  ('cc000000-0000-4000-8000-000000000401', 'cb000000-0000-4000-8000-000000000401', 'vehicle_tax_refund',
   '车船税退抵税', 1,
   '已缴纳车船税的车船被盗抢、报废、灭失的，纳税人可以凭有关管理机关出具的证明和完税凭证，向纳税所在地的主管税务机关申请退还'
   '自被盗抢、报废、灭失月份起至该纳税年度终了期间的税款；因重复缴纳或多缴车船税的，也可以申请退抵。'
   '已缴纳车船税的车船在同一纳税年度内办理转让过户的，不另纳税，也不退税。'),
  ('cc000000-0000-4000-8000-000000000402', 'cb000000-0000-4000-8000-000000000401', 'overpaid_refund',
   '误收多缴退抵税', 2,
   '纳税人超过应纳税额缴纳的税款，自结算缴纳税款之日起三年内发现的，可以向税务机关要求退还多缴的税款并加算银行同期存款利息。'
   '纳税人既有应退税款又有欠缴税款的，税务机关可以将应退税款和利息先抵扣欠缴税款。'),
  ('cc000000-0000-4000-8000-000000000501', 'cb000000-0000-4000-8000-000000000501', 'property_hardship_relief',
   '房产税、城镇土地使用税困难减免', 1,
   '纳税人因遭受风、火、水、地震等严重自然灾害或其他不可抗力因素造成重大损失，或者纳税确有困难的，'
   '可以按规定申请减征或免征房产税、城镇土地使用税，由税务机关依申请核准。核准前应按规定申报缴纳税款。'),
  ('cc000000-0000-4000-8000-000000000502', 'cb000000-0000-4000-8000-000000000501', 'iit_disability_relief',
   '残疾、孤老人员和烈属个人所得税减征', 2,
   '残疾、孤老人员和烈属的所得，可以按照省级人民政府规定的幅度和期限减征个人所得税。'
   '纳税人享受减征时填报《个人所得税减免税事项报告表》，相关证明资料留存备查。'),
  ('cc000000-0000-4000-8000-000000000601', 'cb000000-0000-4000-8000-000000000601', 'tax_payment_certificate',
   '开具税收完税证明', 1,
   '纳税人、扣缴义务人缴纳税款后，因完税凭证遗失或需要证明一定期间内的纳税情况的，可以向税务机关申请开具税收完税证明。'
   '个人所得税纳税记录也可通过个人所得税APP或自然人电子税务局自行开具，与税务机关开具的具有同等效力。'),
  ('cc000000-0000-4000-8000-000000000602', 'cb000000-0000-4000-8000-000000000601', 'tax_residency_certificate',
   '开具《中国税收居民身份证明》', 2,
   '企业或者个人为享受中国政府对外签署的税收协定（含与香港、澳门特别行政区签署的税收安排）待遇，'
   '可以向主管税务机关申请开具《中国税收居民身份证明》。税务机关自受理之日起10个工作日内办结。'),
  ('cc000000-0000-4000-8000-000000000701', 'cb000000-0000-4000-8000-000000000701', 'flexible_ss_payment',
   '灵活就业人员社保费缴纳', 1,
   '无雇工的个体工商户、未在用人单位参加社会保险的非全日制从业人员以及其他灵活就业人员，可以按规定以个人身份参加企业职工基本养老保险和职工基本医疗保险，'
   '社会保险费由税务部门征收。灵活就业人员可在规定的缴费基数上下限范围内自主选择缴费档次，按月或按季缴纳。'),
  ('cc000000-0000-4000-8000-000000000702', 'cb000000-0000-4000-8000-000000000701', 'ss_refund',
   '社保费退费', 2,
   '缴费人因重复缴费、多缴费或者参保状态变化等原因需要退还已缴社会保险费的，可以向税务机关提出退费申请，'
   '经社会保险经办机构核定后办理退费，款项退回缴费人本人银行账户。'),
  ('cc000000-0000-4000-8000-000000000703', 'cb000000-0000-4000-8000-000000000701', 'resident_medical_payment',
   '城乡居民基本医疗保险费缴纳', 3,
   '未参加职工基本医疗保险的城乡居民（含学生、儿童、老年人等）可以参加城乡居民基本医疗保险，在集中征缴期内按年度缴纳下一年度的医疗保险费。'
   '可通过粤税通小程序、电子税务局等渠道缴纳，也可为家庭成员代缴。')
on conflict (id) do nothing;

-- Business nodes. Modes: allows_back_office (后台帮办) / allows_online (在线帮办) — a mix of back-office-only,
-- online-only and both. promised_working_days = 承诺办理时限 (working days).
insert into public.business_nodes (id, topic_id, code, name, allows_back_office, allows_online, promised_working_days, sort, description) values
  -- 增值税一般纳税人登记
  ('cd000000-0000-4000-8000-000000001011', 'cc000000-0000-4000-8000-000000000101', 'vat_general_registration',
   '增值税一般纳税人登记', true, true, 1, 1,
   '年应税销售额超过500万元，或会计核算健全、自愿登记为一般纳税人的单位和个体工商户。'),
  -- 取消非正常户认定 (online only: identity checked by video)
  ('cd000000-0000-4000-8000-000000001021', 'cc000000-0000-4000-8000-000000000102', 'cancel_abnormal_enterprise',
   '取消非正常户认定（单位纳税人）', false, true, 1, 1,
   '企业、事业单位等单位纳税人已补办申报、缴清税款及滞纳金、接受处罚后申请解除非正常户认定。'),
  ('cd000000-0000-4000-8000-000000001022', 'cc000000-0000-4000-8000-000000000102', 'cancel_abnormal_individual_business',
   '取消非正常户认定（个体工商户）', false, true, 1, 2,
   '个体工商户已补办申报、缴清税款及滞纳金、接受处罚后申请解除非正常户认定。'),
  -- 跨区域涉税事项
  ('cd000000-0000-4000-8000-000000001031', 'cc000000-0000-4000-8000-000000000103', 'cross_region_report',
   '跨区域涉税事项报告', true, true, 1, 1,
   '外出经营前，向机构所在地税务机关填报《跨区域涉税事项报告表》。'),
  ('cd000000-0000-4000-8000-000000001032', 'cc000000-0000-4000-8000-000000000103', 'cross_region_verification',
   '跨区域涉税事项报验', true, true, 1, 2,
   '首次在经营地办理涉税事宜时，向经营地税务机关报验。'),
  ('cd000000-0000-4000-8000-000000001033', 'cc000000-0000-4000-8000-000000000103', 'cross_region_feedback',
   '经营地涉税事项反馈', true, false, 1, 3,
   '跨区域经营活动结束后，结清经营地税款，向经营地税务机关填报《经营地涉税事项反馈表》。'),
  -- 发票领用
  ('cd000000-0000-4000-8000-000000002011', 'cc000000-0000-4000-8000-000000000201', 'invoice_type_approval',
   '发票票种核定（首次申领发票）', true, true, 1, 1,
   '首次申领发票或需要调整领用发票的种类、数量时办理。'),
  ('cd000000-0000-4000-8000-000000002012', 'cc000000-0000-4000-8000-000000000201', 'invoice_receive',
   '发票领用（邮寄配送）', true, false, 1, 2,
   '已完成票种核定，在核定范围内领用发票，由税务机关邮寄配送。'),
  ('cd000000-0000-4000-8000-000000002013', 'cc000000-0000-4000-8000-000000000201', 'special_invoice_limit',
   '增值税专用发票（增值税税控系统）最高开票限额审批', true, false, 10, 3,
   '申请或变更增值税专用发票最高开票限额，需税务机关审批。'),
  -- 代开增值税发票
  ('cd000000-0000-4000-8000-000000002021', 'cc000000-0000-4000-8000-000000000202', 'proxy_invoice_natural_person',
   '自然人代开增值税普通发票（销售货物、劳务、服务）', true, true, 1, 1,
   '其他个人（自然人）销售货物、提供劳务或服务，需要开具增值税普通发票。'),
  ('cd000000-0000-4000-8000-000000002022', 'cc000000-0000-4000-8000-000000000202', 'proxy_invoice_unregistered_unit',
   '未办理税务登记的单位代开增值税发票（临时经营）', false, true, 1, 2,
   '未办理税务登记的单位临时取得应税收入，需要开具发票，办理时需视频核实经办人身份。'),
  ('cd000000-0000-4000-8000-000000002023', 'cc000000-0000-4000-8000-000000000202', 'proxy_special_invoice',
   '小规模纳税人代开增值税专用发票', true, true, 1, 3,
   '已办理税务登记、未选择自行开具增值税专用发票的小规模纳税人，需要开具增值税专用发票。'),
  -- 个人出租不动产代开发票
  ('cd000000-0000-4000-8000-000000002031', 'cc000000-0000-4000-8000-000000000203', 'proxy_invoice_rent_housing',
   '个人出租住房代开增值税发票', true, true, 1, 1,
   '其他个人出租住房，需要向承租方开具发票。'),
  ('cd000000-0000-4000-8000-000000002032', 'cc000000-0000-4000-8000-000000000203', 'proxy_invoice_rent_non_housing',
   '个人出租非住房（商铺、写字楼等）代开增值税发票', false, true, 1, 2,
   '其他个人出租商铺、写字楼、厂房等非住房，需要向承租方开具发票。'),
  -- 个人所得税综合所得年度汇算
  ('cd000000-0000-4000-8000-000000003011', 'cc000000-0000-4000-8000-000000000301', 'iit_settlement_pay',
   '综合所得年度汇算申报（需补税）', true, true, 1, 1,
   '年度汇算结果为应补税，办理申报并缴纳税款。'),
  ('cd000000-0000-4000-8000-000000003012', 'cc000000-0000-4000-8000-000000000301', 'iit_settlement_refund',
   '综合所得年度汇算申报（申请退税）', true, true, 5, 2,
   '年度汇算结果为应退税，办理申报并申请退税，退税款退至本人银行账户。'),
  ('cd000000-0000-4000-8000-000000003013', 'cc000000-0000-4000-8000-000000000301', 'iit_settlement_correct',
   '综合所得年度汇算申报更正或作废', true, false, 1, 3,
   '已办理年度汇算申报，发现申报信息有误需要更正或作废。'),
  -- 个人所得税经营所得申报
  ('cd000000-0000-4000-8000-000000003021', 'cc000000-0000-4000-8000-000000000302', 'iit_business_prepay',
   '经营所得个人所得税月（季）度申报', true, true, 1, 1,
   '月度或季度终了后15日内预缴经营所得个人所得税。'),
  ('cd000000-0000-4000-8000-000000003022', 'cc000000-0000-4000-8000-000000000302', 'iit_business_annual',
   '经营所得个人所得税年度汇总申报', true, true, 1, 2,
   '取得经营所得的次年3月31日前办理汇算清缴。'),
  -- 印花税申报
  ('cd000000-0000-4000-8000-000000003031', 'cc000000-0000-4000-8000-000000000303', 'stamp_duty_declaration',
   '印花税申报（按期或按次）', true, true, 1, 1,
   '书立应税合同、产权转移书据、营业账簿等应税凭证后申报缴纳印花税。'),
  -- 房产税、城镇土地使用税申报
  ('cd000000-0000-4000-8000-000000003041', 'cc000000-0000-4000-8000-000000000304', 'property_land_source',
   '房产税、城镇土地使用税税源信息采集', true, true, 1, 1,
   '新增、变更或减少房产、土地时采集或更新税源信息。'),
  ('cd000000-0000-4000-8000-000000003042', 'cc000000-0000-4000-8000-000000000304', 'property_land_declaration',
   '房产税、城镇土地使用税申报', true, true, 1, 2,
   '按税源信息申报缴纳房产税、城镇土地使用税。'),
  -- 车船税退抵税
  ('cd000000-0000-4000-8000-000000004011', 'cc000000-0000-4000-8000-000000000401', 'vehicle_tax_refund_loss',
   '车船被盗抢、报废、灭失退还车船税', true, true, 10, 1,
   '已缴纳车船税的车船在纳税年度内被盗抢、报废、灭失，申请退还相应月份的税款。'),
  ('cd000000-0000-4000-8000-000000004012', 'cc000000-0000-4000-8000-000000000401', 'vehicle_tax_refund_overpaid',
   '车船税重复缴纳或多缴退抵税', true, false, 10, 2,
   '在保险机构代收代缴与自行申报之间重复缴纳，或多缴车船税，申请退抵。'),
  -- 误收多缴退抵税
  ('cd000000-0000-4000-8000-000000004021', 'cc000000-0000-4000-8000-000000000402', 'overpaid_refund_self',
   '纳税人自行发现多缴税款退抵税', true, false, 10, 1,
   '自结算缴纳税款之日起三年内发现多缴税款，申请退还或抵缴欠税。'),
  -- 困难减免
  ('cd000000-0000-4000-8000-000000005011', 'cc000000-0000-4000-8000-000000000501', 'property_hardship_relief',
   '房产税、城镇土地使用税困难减免核准', true, false, 20, 1,
   '因自然灾害等不可抗力或纳税确有困难，申请减征或免征房产税、城镇土地使用税。'),
  -- 残疾、孤老人员和烈属减征
  ('cd000000-0000-4000-8000-000000005021', 'cc000000-0000-4000-8000-000000000502', 'iit_disability_relief',
   '残疾、孤老人员和烈属个人所得税减征', true, true, 1, 1,
   '残疾人、孤老人员和烈属取得所得，按规定享受个人所得税减征。'),
  -- 开具税收完税证明
  ('cd000000-0000-4000-8000-000000006011', 'cc000000-0000-4000-8000-000000000601', 'tax_payment_certificate',
   '开具税收完税证明（表格式）', true, false, 1, 1,
   '证明一定期间内已缴纳的税款，或完税凭证遗失后需要证明纳税情况。'),
  ('cd000000-0000-4000-8000-000000006012', 'cc000000-0000-4000-8000-000000000601', 'iit_tax_record',
   '开具个人所得税纳税记录', true, false, 1, 2,
   '需要本人一定期间内的个人所得税纳税记录。'),
  -- 开具《中国税收居民身份证明》
  ('cd000000-0000-4000-8000-000000006021', 'cc000000-0000-4000-8000-000000000602', 'tax_residency_certificate',
   '开具《中国税收居民身份证明》', true, true, 10, 1,
   '为享受税收协定或税收安排待遇，需要证明中国税收居民身份。'),
  -- 灵活就业人员社保费
  ('cd000000-0000-4000-8000-000000007011', 'cc000000-0000-4000-8000-000000000701', 'flexible_ss_payment',
   '灵活就业人员社保费缴费申报', true, true, 1, 1,
   '以灵活就业人员身份申报缴纳企业职工基本养老保险费、职工基本医疗保险费。'),
  ('cd000000-0000-4000-8000-000000007012', 'cc000000-0000-4000-8000-000000000701', 'flexible_ss_base_change',
   '灵活就业人员缴费档次变更', false, true, 1, 2,
   '在规定的缴费基数上下限内调整缴费档次，需视频核实本人身份。'),
  -- 社保费退费
  ('cd000000-0000-4000-8000-000000007021', 'cc000000-0000-4000-8000-000000000702', 'ss_refund',
   '社保费退费（重复缴费、多缴费）', true, false, 15, 1,
   '重复缴费、多缴费等原因申请退还已缴社会保险费。'),
  -- 城乡居民医保
  ('cd000000-0000-4000-8000-000000007031', 'cc000000-0000-4000-8000-000000000703', 'resident_medical_payment',
   '城乡居民基本医疗保险费缴费', true, true, 1, 1,
   '为本人或家庭成员缴纳城乡居民基本医疗保险费。')
on conflict (id) do nothing;

-- Forms (报表). Only A02095 carries its confirmed official code; "VT-" codes are local placeholders.
insert into public.form_templates (id, code, name, description) values
  ('f0000000-0000-4000-8000-000000000001', 'A02095', '代开增值税发票缴款申报单',
   '如实填写购买方、销售方信息及货物或应税劳务、服务名称、金额；申请代开增值税专用发票的，勾选“增值税专用发票”。代开人签章。'),
  ('f0000000-0000-4000-8000-000000000002', 'VT-0101', '增值税一般纳税人登记表',
   '填写纳税人名称、统一社会信用代码、生产经营地址、核算地址、一般纳税人资格生效之日等，加盖公章。'),
  ('f0000000-0000-4000-8000-000000000003', 'VT-0102', '跨区域涉税事项报告表',
   '填写跨区域经营地、经营方式、合同名称、合同金额及有效期限等。'),
  ('f0000000-0000-4000-8000-000000000004', 'VT-0103', '经营地涉税事项反馈表',
   '填写跨区域经营期间的开票金额、已缴税款等信息。'),
  ('f0000000-0000-4000-8000-000000000005', 'VT-0201', '纳税人领用发票票种核定表',
   '填写申请领用的发票种类、单份发票最高开票限额、每月最高领用数量、领票方式。'),
  ('f0000000-0000-4000-8000-000000000006', 'VT-0202', '增值税专用发票最高开票限额申请单',
   '填写申请最高开票限额及申请理由，加盖公章。'),
  ('f0000000-0000-4000-8000-000000000007', 'VT-0301', '个人所得税年度自行纳税申报表（A表）',
   '填写全年综合所得收入额、费用、专项扣除、专项附加扣除及已缴税额，计算应补（退）税额。'),
  ('f0000000-0000-4000-8000-000000000008', 'VT-0302', '个人所得税经营所得纳税申报表（A表）',
   '月度或季度预缴时填写收入总额、成本费用、利润总额及应预缴税额。'),
  ('f0000000-0000-4000-8000-000000000009', 'VT-0303', '个人所得税经营所得纳税申报表（B表）',
   '年度汇算清缴时填写全年收入、成本费用、纳税调整及应补（退）税额。'),
  ('f0000000-0000-4000-8000-000000000010', 'VT-0304', '财产和行为税纳税申报表',
   '按已采集的税源信息合并申报房产税、城镇土地使用税、印花税、车船税等财产和行为税。'),
  ('f0000000-0000-4000-8000-000000000011', 'VT-0305', '印花税税源明细表',
   '逐份（或按期汇总）填写应税凭证名称、书立日期、计税金额、适用税率。'),
  ('f0000000-0000-4000-8000-000000000012', 'VT-0306', '城镇土地使用税 房产税税源明细表',
   '填写土地、房产的坐落地址、不动产权证号、面积、原值或租金收入等税源信息。'),
  ('f0000000-0000-4000-8000-000000000013', 'VT-0307', '财产和行为税减免税明细申报附表',
   '享受减免税优惠时填写减免性质代码和减免税额。'),
  ('f0000000-0000-4000-8000-000000000014', 'VT-0401', '退（抵）税申请表',
   '填写申请退税的税种、税款所属期、原完税凭证号、退税金额、退税原因及收款账户。'),
  ('f0000000-0000-4000-8000-000000000015', 'VT-0501', '纳税人减免税申请核准表',
   '填写减免税种、减免期限、减免金额及申请理由。'),
  ('f0000000-0000-4000-8000-000000000016', 'VT-0502', '个人所得税减免税事项报告表',
   '填写减免事项名称、减免性质、减免税额。'),
  ('f0000000-0000-4000-8000-000000000017', 'VT-0601', '中国税收居民身份证明申请表',
   '填写申请人信息、对方国家（地区）、所得类型、所得金额及申请证明的年度。'),
  ('f0000000-0000-4000-8000-000000000018', 'VT-0701', '社会保险费缴费申报表（适用灵活就业人员）',
   '填写参保险种、缴费档次（缴费基数）、缴费期间。'),
  ('f0000000-0000-4000-8000-000000000019', 'VT-0702', '社会保险费退费申请表',
   '填写退费险种、退费所属期、退费金额、退费原因及本人银行账户。')
on conflict (id) do nothing;

insert into public.materials (id, name, description) values
  ('fa000000-0000-4000-8000-000000000001', '纳税人（缴费人）身份证件', '居民身份证、港澳台居民居住证、护照等有效身份证件原件或复印件（上传照片或扫描件）。'),
  ('fa000000-0000-4000-8000-000000000002', '经办人身份证件', '由他人代为办理的，提供经办人有效身份证件。'),
  ('fa000000-0000-4000-8000-000000000003', '授权委托书', '委托他人代为办理的提供，须由委托人签章。'),
  ('fa000000-0000-4000-8000-000000000004', '加载统一社会信用代码的营业执照', '营业执照副本照片或扫描件。'),
  ('fa000000-0000-4000-8000-000000000005', '书面合同或协议', '与业务相关的销售、服务或经营合同（协议）。'),
  ('fa000000-0000-4000-8000-000000000006', '不动产权证书或房屋权属证明', '不动产权证书、房屋所有权证或购房合同等权属证明。'),
  ('fa000000-0000-4000-8000-000000000007', '房屋租赁合同', '出租方与承租方签订的租赁合同。'),
  ('fa000000-0000-4000-8000-000000000008', '税收完税凭证', '原完税凭证、电子缴税付款凭证或缴款书，复印件即可。'),
  ('fa000000-0000-4000-8000-000000000009', '车船被盗抢、报废、灭失的证明', '公安机关出具的被盗抢证明，或机动车报废、灭失的有关证明。'),
  ('fa000000-0000-4000-8000-000000000010', '机动车交通事故责任强制保险单', '由保险机构代收代缴车船税的，提供注明已收税款信息的保险单。'),
  ('fa000000-0000-4000-8000-000000000011', '机动车行驶证', '车辆行驶证主页及副页。'),
  ('fa000000-0000-4000-8000-000000000012', '本人银行账户信息', '接收退税（费）款项的本人银行卡或存折照片。'),
  ('fa000000-0000-4000-8000-000000000013', '发票专用章印模', '首次申领发票时提供。'),
  ('fa000000-0000-4000-8000-000000000014', '逾期未申报期间的纳税申报资料', '补办纳税申报的申报表及附列资料。'),
  ('fa000000-0000-4000-8000-000000000015', '罚款、滞纳金缴纳凭证', '已缴纳罚款、税款及滞纳金的凭证。'),
  ('fa000000-0000-4000-8000-000000000016', '减免税申请报告', '列明减免税理由、依据、范围、期限、数量、金额等。'),
  ('fa000000-0000-4000-8000-000000000017', '损失或纳税困难的证明材料', '受灾损失证明、财务报表等能够证明损失或困难情况的材料。'),
  ('fa000000-0000-4000-8000-000000000018', '残疾人证、烈属证或孤老人员证明', '享受减征优惠的身份证明，留存备查，可上传。'),
  ('fa000000-0000-4000-8000-000000000019', '收入及扣除相关资料', '收入证明、专项附加扣除、捐赠等相关资料，按需提供。'),
  ('fa000000-0000-4000-8000-000000000020', '社会保险费缴费凭证', '重复或多缴费用的缴费凭证、银行扣款记录等。'),
  ('fa000000-0000-4000-8000-000000000021', '居民户口簿', '为家庭成员缴费时提供。'),
  ('fa000000-0000-4000-8000-000000000022', '境外所得或协定待遇相关证明资料', '与境外所得相关的合同、协议、董事会或股东会决议、支付凭证等。')
on conflict (id) do nothing;

-- Node requirements: one upload slot per form or material. (node code, kind, form code | material id suffix,
-- required, note, sort). Ids are md5 of 'vtax:req:<node code>:<form code or material no.>'.
insert into public.node_requirements (id, node_id, kind, form_template_id, material_id, required, note, sort)
select md5('vtax:req:' || r.node_code || ':' || r.item)::uuid, n.id, r.kind::public.requirement_kind,
       f.id, m.id, r.required, r.note, r.sort
from (values
  ('vat_general_registration', 'form', 'VT-0101', true, null, 1),
  ('vat_general_registration', 'material', '04', true, null, 2),
  ('vat_general_registration', 'material', '02', false, '由办税人员以外的人员办理时提供', 3),

  ('cancel_abnormal_enterprise', 'material', '04', true, null, 1),
  ('cancel_abnormal_enterprise', 'material', '14', true, null, 2),
  ('cancel_abnormal_enterprise', 'material', '15', false, null, 3),
  ('cancel_abnormal_enterprise', 'material', '02', true, '法定代表人、财务负责人或办税人员的身份证件', 4),
  ('cancel_abnormal_enterprise', 'material', '03', false, null, 5),
  ('cancel_abnormal_individual_business', 'material', '04', true, null, 1),
  ('cancel_abnormal_individual_business', 'material', '01', true, '业主本人身份证件', 2),
  ('cancel_abnormal_individual_business', 'material', '14', true, null, 3),
  ('cancel_abnormal_individual_business', 'material', '15', false, null, 4),

  ('cross_region_report', 'form', 'VT-0102', true, null, 1),
  ('cross_region_report', 'material', '05', false, '外出经营合同，按需提供', 2),
  ('cross_region_verification', 'form', 'VT-0102', true, '机构所在地税务机关出具的报告表', 1),
  ('cross_region_verification', 'material', '04', true, null, 2),
  ('cross_region_feedback', 'form', 'VT-0103', true, null, 1),
  ('cross_region_feedback', 'material', '08', false, '经营地预缴税款的完税凭证', 2),

  ('invoice_type_approval', 'form', 'VT-0201', true, null, 1),
  ('invoice_type_approval', 'material', '02', true, null, 2),
  ('invoice_type_approval', 'material', '13', true, null, 3),
  ('invoice_receive', 'material', '02', true, null, 1),
  ('invoice_receive', 'material', '03', false, null, 2),
  ('special_invoice_limit', 'form', 'VT-0202', true, null, 1),
  ('special_invoice_limit', 'material', '05', false, '申请较高限额时提供近期的购销合同', 2),

  ('proxy_invoice_natural_person', 'form', 'A02095', true, null, 1),
  ('proxy_invoice_natural_person', 'material', '01', true, null, 2),
  ('proxy_invoice_natural_person', 'material', '05', false, '付款方对款项真实性有异议时提供', 3),
  ('proxy_invoice_natural_person', 'material', '02', false, null, 4),
  ('proxy_invoice_unregistered_unit', 'form', 'A02095', true, null, 1),
  ('proxy_invoice_unregistered_unit', 'material', '02', true, null, 2),
  ('proxy_invoice_unregistered_unit', 'material', '05', true, null, 3),
  ('proxy_special_invoice', 'form', 'A02095', true, '勾选“增值税专用发票”', 1),
  ('proxy_special_invoice', 'material', '02', true, null, 2),
  ('proxy_special_invoice', 'material', '05', false, null, 3),

  ('proxy_invoice_rent_housing', 'form', 'A02095', true, null, 1),
  ('proxy_invoice_rent_housing', 'material', '01', true, null, 2),
  ('proxy_invoice_rent_housing', 'material', '07', true, null, 3),
  ('proxy_invoice_rent_housing', 'material', '06', true, null, 4),
  ('proxy_invoice_rent_non_housing', 'form', 'A02095', true, null, 1),
  ('proxy_invoice_rent_non_housing', 'material', '01', true, null, 2),
  ('proxy_invoice_rent_non_housing', 'material', '07', true, null, 3),
  ('proxy_invoice_rent_non_housing', 'material', '06', true, null, 4),

  ('iit_settlement_pay', 'form', 'VT-0301', true, null, 1),
  ('iit_settlement_pay', 'material', '01', true, null, 2),
  ('iit_settlement_pay', 'material', '19', false, null, 3),
  ('iit_settlement_refund', 'form', 'VT-0301', true, null, 1),
  ('iit_settlement_refund', 'material', '01', true, null, 2),
  ('iit_settlement_refund', 'material', '12', true, null, 3),
  ('iit_settlement_refund', 'material', '19', false, null, 4),
  ('iit_settlement_correct', 'form', 'VT-0301', true, '填写更正后的申报表', 1),
  ('iit_settlement_correct', 'material', '01', true, null, 2),

  ('iit_business_prepay', 'form', 'VT-0302', true, null, 1),
  ('iit_business_prepay', 'material', '01', true, null, 2),
  ('iit_business_annual', 'form', 'VT-0303', true, null, 1),
  ('iit_business_annual', 'material', '01', true, null, 2),

  ('stamp_duty_declaration', 'form', 'VT-0305', true, null, 1),
  ('stamp_duty_declaration', 'form', 'VT-0304', true, null, 2),
  ('stamp_duty_declaration', 'material', '05', false, '应税凭证，留存备查，可上传', 3),

  ('property_land_source', 'form', 'VT-0306', true, null, 1),
  ('property_land_source', 'material', '06', true, null, 2),
  ('property_land_source', 'material', '07', false, '出租房产的提供', 3),
  ('property_land_declaration', 'form', 'VT-0304', true, null, 1),
  ('property_land_declaration', 'form', 'VT-0307', false, '享受减免税的填报', 2),

  ('vehicle_tax_refund_loss', 'form', 'VT-0401', true, null, 1),
  ('vehicle_tax_refund_loss', 'material', '09', true, null, 2),
  ('vehicle_tax_refund_loss', 'material', '08', true, null, 3),
  ('vehicle_tax_refund_loss', 'material', '01', true, null, 4),
  ('vehicle_tax_refund_overpaid', 'form', 'VT-0401', true, null, 1),
  ('vehicle_tax_refund_overpaid', 'material', '08', true, null, 2),
  ('vehicle_tax_refund_overpaid', 'material', '10', true, null, 3),
  ('vehicle_tax_refund_overpaid', 'material', '11', false, null, 4),

  ('overpaid_refund_self', 'form', 'VT-0401', true, null, 1),
  ('overpaid_refund_self', 'material', '08', true, null, 2),
  ('overpaid_refund_self', 'material', '01', true, null, 3),

  ('property_hardship_relief', 'form', 'VT-0501', true, null, 1),
  ('property_hardship_relief', 'material', '16', true, null, 2),
  ('property_hardship_relief', 'material', '17', true, null, 3),
  ('property_hardship_relief', 'material', '06', true, null, 4),

  ('iit_disability_relief', 'form', 'VT-0502', true, null, 1),
  ('iit_disability_relief', 'material', '18', true, null, 2),
  ('iit_disability_relief', 'material', '01', true, null, 3),

  ('tax_payment_certificate', 'material', '01', true, null, 1),
  ('tax_payment_certificate', 'material', '08', false, '完税凭证遗失的，无需提供', 2),
  ('iit_tax_record', 'material', '01', true, null, 1),

  ('tax_residency_certificate', 'form', 'VT-0601', true, null, 1),
  ('tax_residency_certificate', 'material', '22', true, null, 2),
  ('tax_residency_certificate', 'material', '01', false, '个人申请时提供', 3),

  ('flexible_ss_payment', 'form', 'VT-0701', true, null, 1),
  ('flexible_ss_payment', 'material', '01', true, null, 2),
  ('flexible_ss_base_change', 'form', 'VT-0701', true, '填写变更后的缴费档次', 1),
  ('flexible_ss_base_change', 'material', '01', true, null, 2),
  ('ss_refund', 'form', 'VT-0702', true, null, 1),
  ('ss_refund', 'material', '01', true, null, 2),
  ('ss_refund', 'material', '12', true, null, 3),
  ('ss_refund', 'material', '20', false, null, 4),
  ('resident_medical_payment', 'material', '01', true, '参保人的身份证件', 1),
  ('resident_medical_payment', 'material', '21', false, null, 2)
) as r(node_code, kind, item, required, note, sort)
join public.business_nodes n on n.code = r.node_code
left join public.form_templates f on r.kind = 'form' and f.code = r.item
left join public.materials m
  on m.id = case when r.kind = 'material' then ('fa000000-0000-4000-8000-0000000000' || r.item)::uuid end
on conflict (id) do nothing;

-- Recommended handling paths (办理路径推荐), in recommendation order.
insert into public.node_paths (node_id, path, sort, url, note)
select n.id, p.path::public.handling_path, p.ord,
       case p.path when 'etax' then case when r.natural_person then 'https://etax.chinatax.gov.cn/'
                                          else 'https://etax.guangdong.chinatax.gov.cn/' end end,
       case p.path
         when 'etax' then case when r.natural_person then '自然人电子税务局（个人所得税APP或网页端）办理'
                               else '登录广东省电子税务局办理' end
         when 'yueshuitong' then '微信搜索“粤税通”小程序办理'
         when 'remote_visual' then '在线填单，由税务人员后台帮办或视频在线帮办'
         when 'service_hall' then '携带资料到办税服务厅办理，可先预约' end
from (values
  ('vat_general_registration', false, array['etax', 'remote_visual', 'service_hall']),
  ('cancel_abnormal_enterprise', false, array['remote_visual', 'service_hall']),
  ('cancel_abnormal_individual_business', false, array['remote_visual', 'service_hall']),
  ('cross_region_report', false, array['etax', 'yueshuitong', 'remote_visual', 'service_hall']),
  ('cross_region_verification', false, array['etax', 'remote_visual', 'service_hall']),
  ('cross_region_feedback', false, array['etax', 'remote_visual', 'service_hall']),
  ('invoice_type_approval', false, array['etax', 'remote_visual', 'service_hall']),
  ('invoice_receive', false, array['etax', 'yueshuitong', 'remote_visual', 'service_hall']),
  ('special_invoice_limit', false, array['etax', 'remote_visual', 'service_hall']),
  ('proxy_invoice_natural_person', false, array['etax', 'yueshuitong', 'remote_visual', 'service_hall']),
  ('proxy_invoice_unregistered_unit', false, array['remote_visual', 'service_hall']),
  ('proxy_special_invoice', false, array['etax', 'remote_visual', 'service_hall']),
  ('proxy_invoice_rent_housing', false, array['etax', 'yueshuitong', 'remote_visual', 'service_hall']),
  ('proxy_invoice_rent_non_housing', false, array['remote_visual', 'service_hall']),
  ('iit_settlement_pay', true, array['etax', 'remote_visual', 'service_hall']),
  ('iit_settlement_refund', true, array['etax', 'remote_visual', 'service_hall']),
  ('iit_settlement_correct', true, array['etax', 'remote_visual', 'service_hall']),
  ('iit_business_prepay', true, array['etax', 'remote_visual', 'service_hall']),
  ('iit_business_annual', true, array['etax', 'remote_visual', 'service_hall']),
  ('stamp_duty_declaration', false, array['etax', 'yueshuitong', 'remote_visual', 'service_hall']),
  ('property_land_source', false, array['etax', 'remote_visual', 'service_hall']),
  ('property_land_declaration', false, array['etax', 'yueshuitong', 'remote_visual', 'service_hall']),
  ('vehicle_tax_refund_loss', false, array['remote_visual', 'service_hall']),
  ('vehicle_tax_refund_overpaid', false, array['etax', 'remote_visual', 'service_hall']),
  ('overpaid_refund_self', false, array['etax', 'remote_visual', 'service_hall']),
  ('property_hardship_relief', false, array['etax', 'remote_visual', 'service_hall']),
  ('iit_disability_relief', true, array['etax', 'remote_visual', 'service_hall']),
  ('tax_payment_certificate', false, array['etax', 'yueshuitong', 'remote_visual', 'service_hall']),
  ('iit_tax_record', true, array['etax', 'yueshuitong', 'remote_visual', 'service_hall']),
  ('tax_residency_certificate', false, array['etax', 'remote_visual', 'service_hall']),
  ('flexible_ss_payment', false, array['yueshuitong', 'etax', 'remote_visual', 'service_hall']),
  ('flexible_ss_base_change', false, array['yueshuitong', 'remote_visual', 'service_hall']),
  ('ss_refund', false, array['etax', 'remote_visual', 'service_hall']),
  ('resident_medical_payment', false, array['yueshuitong', 'etax', 'remote_visual', 'service_hall'])
) as r(node_code, natural_person, paths)
join public.business_nodes n on n.code = r.node_code
cross join lateral unnest(r.paths) with ordinality as p(path, ord)
on conflict (node_id, path) do nothing;

-- Guidance questions (回答问题定位主题). Every subcategory has a first question; four of them are trees two
-- questions deep (发票代开, 个人所得税, 误收多缴退抵税, 个人社保费). Question ids end in <subcategory><0><no.>,
-- answer ids in <subcategory><question no.><answer no.>.
insert into public.guidance_questions (id, subcategory_id, prompt, is_first, sort) values
  ('ce000000-0000-4000-8000-000000101001', 'cb000000-0000-4000-8000-000000000101', '您的年应税销售额是否超过500万元？', true, 1),
  ('ce000000-0000-4000-8000-000000102001', 'cb000000-0000-4000-8000-000000000102', '您（您的企业）目前是否为非正常户？', true, 1),
  ('ce000000-0000-4000-8000-000000103001', 'cb000000-0000-4000-8000-000000000103', '您的跨区域经营处于哪个阶段？', true, 1),
  ('ce000000-0000-4000-8000-000000201001', 'cb000000-0000-4000-8000-000000000201', '您是否首次申领发票？', true, 1),
  ('ce000000-0000-4000-8000-000000202001', 'cb000000-0000-4000-8000-000000000202', '您是个人还是单位？', true, 1),
  ('ce000000-0000-4000-8000-000000202002', 'cb000000-0000-4000-8000-000000000202', '您销售的是什么？', false, 2),
  ('ce000000-0000-4000-8000-000000202003', 'cb000000-0000-4000-8000-000000000202', '您的单位是否已办理税务登记（信息确认）？', false, 3),
  ('ce000000-0000-4000-8000-000000301001', 'cb000000-0000-4000-8000-000000000301', '您取得的是哪类所得？', true, 1),
  ('ce000000-0000-4000-8000-000000301002', 'cb000000-0000-4000-8000-000000000301', '您的年度汇算情况是？', false, 2),
  ('ce000000-0000-4000-8000-000000301003', 'cb000000-0000-4000-8000-000000000301', '您要办理哪种申报？', false, 3),
  ('ce000000-0000-4000-8000-000000302001', 'cb000000-0000-4000-8000-000000000302', '您要申报的税种是？', true, 1),
  ('ce000000-0000-4000-8000-000000401001', 'cb000000-0000-4000-8000-000000000401', '您申请退抵的是哪个税种？', true, 1),
  ('ce000000-0000-4000-8000-000000401002', 'cb000000-0000-4000-8000-000000000401', '申请退抵车船税的原因是？', false, 2),
  ('ce000000-0000-4000-8000-000000501001', 'cb000000-0000-4000-8000-000000000501', '您要办理哪项减免？', true, 1),
  ('ce000000-0000-4000-8000-000000601001', 'cb000000-0000-4000-8000-000000000601', '您需要开具哪种证明？', true, 1),
  ('ce000000-0000-4000-8000-000000701001', 'cb000000-0000-4000-8000-000000000701', '您以什么身份缴纳社保费？', true, 1),
  ('ce000000-0000-4000-8000-000000701002', 'cb000000-0000-4000-8000-000000000701', '您（灵活就业人员）要办理什么业务？', false, 2),
  ('ce000000-0000-4000-8000-000000701003', 'cb000000-0000-4000-8000-000000000701', '您（城乡居民）要办理什么业务？', false, 3)
on conflict (id) do nothing;

insert into public.guidance_answers (id, question_id, label, next_question_id, topic_id, sort) values
  -- 身份信息报告
  ('cf000000-0000-4000-8000-000000101101', 'ce000000-0000-4000-8000-000000101001', '是，应当登记为一般纳税人', null, 'cc000000-0000-4000-8000-000000000101', 1),
  ('cf000000-0000-4000-8000-000000101102', 'ce000000-0000-4000-8000-000000101001', '否，但会计核算健全，自愿登记', null, 'cc000000-0000-4000-8000-000000000101', 2),
  -- 状态信息报告
  ('cf000000-0000-4000-8000-000000102101', 'ce000000-0000-4000-8000-000000102001', '是，已被认定为非正常户', null, 'cc000000-0000-4000-8000-000000000102', 1),
  ('cf000000-0000-4000-8000-000000102102', 'ce000000-0000-4000-8000-000000102001', '不确定，因逾期未申报被限制办税', null, 'cc000000-0000-4000-8000-000000000102', 2),
  -- 跨区域涉税事项
  ('cf000000-0000-4000-8000-000000103101', 'ce000000-0000-4000-8000-000000103001', '准备外出经营（报告）', null, 'cc000000-0000-4000-8000-000000000103', 1),
  ('cf000000-0000-4000-8000-000000103102', 'ce000000-0000-4000-8000-000000103001', '已到经营地（报验）', null, 'cc000000-0000-4000-8000-000000000103', 2),
  ('cf000000-0000-4000-8000-000000103103', 'ce000000-0000-4000-8000-000000103001', '经营活动已结束（反馈）', null, 'cc000000-0000-4000-8000-000000000103', 3),
  -- 发票领用
  ('cf000000-0000-4000-8000-000000201101', 'ce000000-0000-4000-8000-000000201001', '是，首次申领', null, 'cc000000-0000-4000-8000-000000000201', 1),
  ('cf000000-0000-4000-8000-000000201102', 'ce000000-0000-4000-8000-000000201001', '否，已领用过发票', null, 'cc000000-0000-4000-8000-000000000201', 2),
  -- 发票代开 (tree)
  ('cf000000-0000-4000-8000-000000202101', 'ce000000-0000-4000-8000-000000202001', '个人（自然人）', 'ce000000-0000-4000-8000-000000202002', null, 1),
  ('cf000000-0000-4000-8000-000000202102', 'ce000000-0000-4000-8000-000000202001', '单位（含个体工商户）', 'ce000000-0000-4000-8000-000000202003', null, 2),
  ('cf000000-0000-4000-8000-000000202201', 'ce000000-0000-4000-8000-000000202002', '货物或加工、修理修配劳务', null, 'cc000000-0000-4000-8000-000000000202', 1),
  ('cf000000-0000-4000-8000-000000202202', 'ce000000-0000-4000-8000-000000202002', '服务（不含不动产租赁）', null, 'cc000000-0000-4000-8000-000000000202', 2),
  ('cf000000-0000-4000-8000-000000202203', 'ce000000-0000-4000-8000-000000202002', '出租不动产（住房、商铺、写字楼等）', null, 'cc000000-0000-4000-8000-000000000203', 3),
  ('cf000000-0000-4000-8000-000000202301', 'ce000000-0000-4000-8000-000000202003', '已办理', null, 'cc000000-0000-4000-8000-000000000202', 1),
  ('cf000000-0000-4000-8000-000000202302', 'ce000000-0000-4000-8000-000000202003', '未办理（临时取得应税收入）', null, 'cc000000-0000-4000-8000-000000000202', 2),
  -- 个人所得税 (tree)
  ('cf000000-0000-4000-8000-000000301101', 'ce000000-0000-4000-8000-000000301001', '综合所得（工资薪金、劳务报酬、稿酬、特许权使用费）', 'ce000000-0000-4000-8000-000000301002', null, 1),
  ('cf000000-0000-4000-8000-000000301102', 'ce000000-0000-4000-8000-000000301001', '经营所得（个体工商户、个人独资企业、合伙企业等）', 'ce000000-0000-4000-8000-000000301003', null, 2),
  ('cf000000-0000-4000-8000-000000301201', 'ce000000-0000-4000-8000-000000301002', '需要补税', null, 'cc000000-0000-4000-8000-000000000301', 1),
  ('cf000000-0000-4000-8000-000000301202', 'ce000000-0000-4000-8000-000000301002', '可以退税', null, 'cc000000-0000-4000-8000-000000000301', 2),
  ('cf000000-0000-4000-8000-000000301203', 'ce000000-0000-4000-8000-000000301002', '已申报，需要更正或作废', null, 'cc000000-0000-4000-8000-000000000301', 3),
  ('cf000000-0000-4000-8000-000000301301', 'ce000000-0000-4000-8000-000000301003', '月度或季度预缴申报', null, 'cc000000-0000-4000-8000-000000000302', 1),
  ('cf000000-0000-4000-8000-000000301302', 'ce000000-0000-4000-8000-000000301003', '年度汇总申报（汇算清缴）', null, 'cc000000-0000-4000-8000-000000000302', 2),
  -- 财产和行为税
  ('cf000000-0000-4000-8000-000000302101', 'ce000000-0000-4000-8000-000000302001', '印花税', null, 'cc000000-0000-4000-8000-000000000303', 1),
  ('cf000000-0000-4000-8000-000000302102', 'ce000000-0000-4000-8000-000000302001', '房产税、城镇土地使用税', null, 'cc000000-0000-4000-8000-000000000304', 2),
  -- 误收多缴退抵税 (tree)
  ('cf000000-0000-4000-8000-000000401101', 'ce000000-0000-4000-8000-000000401001', '车船税', 'ce000000-0000-4000-8000-000000401002', null, 1),
  ('cf000000-0000-4000-8000-000000401102', 'ce000000-0000-4000-8000-000000401001', '其他税种', null, 'cc000000-0000-4000-8000-000000000402', 2),
  ('cf000000-0000-4000-8000-000000401201', 'ce000000-0000-4000-8000-000000401002', '车船被盗抢、报废、灭失', null, 'cc000000-0000-4000-8000-000000000401', 1),
  ('cf000000-0000-4000-8000-000000401202', 'ce000000-0000-4000-8000-000000401002', '重复缴纳或多缴', null, 'cc000000-0000-4000-8000-000000000401', 2),
  -- 税收减免
  ('cf000000-0000-4000-8000-000000501101', 'ce000000-0000-4000-8000-000000501001', '房产税、城镇土地使用税困难减免', null, 'cc000000-0000-4000-8000-000000000501', 1),
  ('cf000000-0000-4000-8000-000000501102', 'ce000000-0000-4000-8000-000000501001', '残疾、孤老人员和烈属个人所得税减征', null, 'cc000000-0000-4000-8000-000000000502', 2),
  -- 开具证明
  ('cf000000-0000-4000-8000-000000601101', 'ce000000-0000-4000-8000-000000601001', '税收完税证明或个人所得税纳税记录', null, 'cc000000-0000-4000-8000-000000000601', 1),
  ('cf000000-0000-4000-8000-000000601102', 'ce000000-0000-4000-8000-000000601001', '《中国税收居民身份证明》', null, 'cc000000-0000-4000-8000-000000000602', 2),
  -- 个人社保费 (tree)
  ('cf000000-0000-4000-8000-000000701101', 'ce000000-0000-4000-8000-000000701001', '灵活就业人员（无雇工的个体工商户、非全日制从业人员等）', 'ce000000-0000-4000-8000-000000701002', null, 1),
  ('cf000000-0000-4000-8000-000000701102', 'ce000000-0000-4000-8000-000000701001', '城乡居民（含学生、儿童、老年人）', 'ce000000-0000-4000-8000-000000701003', null, 2),
  ('cf000000-0000-4000-8000-000000701201', 'ce000000-0000-4000-8000-000000701002', '缴费申报或变更缴费档次', null, 'cc000000-0000-4000-8000-000000000701', 1),
  ('cf000000-0000-4000-8000-000000701202', 'ce000000-0000-4000-8000-000000701002', '重复缴费、多缴费申请退费', null, 'cc000000-0000-4000-8000-000000000702', 2),
  ('cf000000-0000-4000-8000-000000701301', 'ce000000-0000-4000-8000-000000701003', '缴纳城乡居民基本医疗保险费', null, 'cc000000-0000-4000-8000-000000000703', 1),
  ('cf000000-0000-4000-8000-000000701302', 'ce000000-0000-4000-8000-000000701003', '重复缴费、多缴费申请退费', null, 'cc000000-0000-4000-8000-000000000702', 2)
on conflict (id) do nothing;

-- ---------------------------------------------------------------------------------------------------------------
-- 4. Schedules: every hall is open on working days 09:00–12:00 and 13:30–17:00, in 30-minute appointment slots.
-- Capacity per slot: 4 in the two demo halls, 3 elsewhere. Ids: md5('vtax:slot_template:<hall no.>:<HH:MI>').
-- ---------------------------------------------------------------------------------------------------------------
insert into public.slot_templates (id, hall_id, weekday, start_time, end_time, capacity)
select md5('vtax:slot_template:' || right(h.id::text, 2) || ':' || to_char(t.start_time, 'HH24:MI'))::uuid,
       h.id, null, t.start_time, t.start_time + interval '30 minutes',
       case when h.id in ('b0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000006') then 4 else 3 end
from public.service_halls h
cross join (values ('09:00'::time), ('09:30'), ('10:00'), ('10:30'), ('11:00'), ('11:30'),
                   ('13:30'), ('14:00'), ('14:30'), ('15:00'), ('15:30'), ('16:00'), ('16:30')) as t(start_time)
where h.id::text like 'b0000000-0000-4000-8000-0000000000%'
on conflict (id) do nothing;

-- Appointment slots for the coming weeks (settings.slot_generation_days working-calendar days from today); the
-- slot worker (W6) keeps extending them. Idempotent.
select public.generate_slots();

-- ---------------------------------------------------------------------------------------------------------------
-- 5. Demo people (all fictitious; table in docs/demo-identities.md)
-- ---------------------------------------------------------------------------------------------------------------
-- Real-name registry (实名登记): who may log in with a certificate; verified = false → told to finish real-name
-- verification in 粤税通 first, no code sent.
insert into public.real_name_registry (id, cert_type, cert_no, full_name, phone, verified, verified_at) values
  ('a0000000-0000-4000-8000-000000000001', 'resident_id', '440106199001010013', '张三', '13800000001', true, '2024-01-02 10:00+08'),
  ('a0000000-0000-4000-8000-000000000002', 'resident_id', '440106199001010021', '李四', '13800000002', false, null),
  ('a0000000-0000-4000-8000-000000000005', 'resident_id', '440106199001010056', '赵六', '13800000005', true, '2024-01-02 10:00+08'),
  ('a0000000-0000-4000-8000-000000000006', 'hk_macao_permit', 'H00000001', '陈大文', '13800000006', true, '2024-01-02 10:00+08'),
  ('a0000000-0000-4000-8000-000000000101', 'resident_id', '440106199001010064', '周文', '13900000101', true, '2024-01-02 10:00+08'),
  ('a0000000-0000-4000-8000-000000000102', 'resident_id', '440106199001010072', '吴敏', '13900000102', true, '2024-01-02 10:00+08'),
  ('a0000000-0000-4000-8000-000000000103', 'resident_id', '440106199001010080', '郑洁', '13900000103', true, '2024-01-02 10:00+08'),
  ('a0000000-0000-4000-8000-000000000201', 'resident_id', '440402199001010137', '冯涛', '13900000201', true, '2024-01-02 10:00+08'),
  ('a0000000-0000-4000-8000-000000000202', 'resident_id', '440402199001010145', '陈静', '13900000202', true, '2024-01-02 10:00+08'),
  ('a0000000-0000-4000-8000-000000000203', 'resident_id', '440402199001010153', '褚亮', '13900000203', true, '2024-01-02 10:00+08'),
  ('a0000000-0000-4000-8000-000000000301', 'resident_id', '440106199001010099', '卫强', '13900000301', true, '2024-01-02 10:00+08'),
  ('a0000000-0000-4000-8000-000000000901', 'resident_id', '44010619900101003X', '沈岚', '13700000001', true, '2024-01-02 10:00+08')
on conflict do nothing;

-- Social-security whitelist (单边社保户): certificate type 社保号 + ID number + phone.
insert into public.social_security_whitelist (id, ss_no, id_card_no, full_name, phone) values
  ('a1000000-0000-4000-8000-000000000004', '8800000001', '440106199001010048', '王五', '13800000004')
on conflict do nothing;

-- Enterprises (纳税人识别号 = unified social credit code, GB 32100 check character valid).
insert into public.enterprises (id, tax_id, name, region_code) values
  ('e0000000-0000-4000-8000-000000000001', '91440106MA5A000056', '广州市天河区示例科技有限公司', '440106'),
  ('e0000000-0000-4000-8000-000000000002', '91440402MA4W00003X', '珠海市香洲区示例商贸有限公司', '440402')
on conflict do nothing;

-- auth.users for everyone who can log in (李四 cannot: not real-name verified, so Auth never created a user).
-- Phones as Supabase Auth stores them: country code 86, no '+'. The profile rows are created by the
-- on_auth_user_created trigger from the registry / whitelist; officers and the admin are promoted below.
insert into auth.users (instance_id, id, aud, role, phone, phone_confirmed_at, confirmation_token, recovery_token,
                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
select '00000000-0000-0000-0000-000000000000', u.id::uuid, 'authenticated', 'authenticated', u.phone,
       '2024-01-02 10:00+08', '', '', '{"provider": "phone", "providers": ["phone"]}', '{}',
       '2024-01-02 10:00+08', '2024-01-02 10:00+08'
from (values
  ('10000000-0000-4000-8000-000000000001', '8613800000001'),
  ('10000000-0000-4000-8000-000000000004', '8613800000004'),
  ('10000000-0000-4000-8000-000000000005', '8613800000005'),
  ('10000000-0000-4000-8000-000000000006', '8613800000006'),
  ('10000000-0000-4000-8000-000000000101', '8613900000101'),
  ('10000000-0000-4000-8000-000000000102', '8613900000102'),
  ('10000000-0000-4000-8000-000000000103', '8613900000103'),
  ('10000000-0000-4000-8000-000000000201', '8613900000201'),
  ('10000000-0000-4000-8000-000000000202', '8613900000202'),
  ('10000000-0000-4000-8000-000000000203', '8613900000203'),
  ('10000000-0000-4000-8000-000000000301', '8613900000301'),
  ('10000000-0000-4000-8000-000000000901', '8613700000001')
) as u(id, phone)
on conflict do nothing;

-- Phone identities, as Supabase Auth keeps them (provider_id = user id).
insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
select u.id::text, u.id, jsonb_build_object('sub', u.id::text, 'phone', u.phone, 'phone_verified', true,
       'email_verified', false), 'phone', u.created_at, u.created_at
from auth.users u
where u.id::text like '10000000-0000-4000-8000-000000000%'
on conflict do nothing;

-- On a hosted Supabase project auth.users has more token columns that GoTrue reads as non-null strings.
do $$
declare c text;
begin
  foreach c in array array['email_change', 'email_change_token_new', 'email_change_token_current', 'reauthentication_token']
  loop
    if exists (select 1 from information_schema.columns
               where table_schema = 'auth' and table_name = 'users' and column_name = c) then
      execute format('update auth.users set %I = '''' where %I is null and id::text like %L', c, c,
                     '10000000-0000-4000-8000-000000000%');
    end if;
  end loop;
end $$;

-- Profiles: the on_auth_user_created trigger has made them from the registry / whitelist; this fills in name,
-- certificate and role and promotes the officers and the admin (and creates the rows where no trigger ran). The
-- update only touches rows that differ, so a second run takes no locks.
with v (id, app_role, full_name, cert_type, cert_no, phone, staff_no) as (
  select id::uuid, app_role::public.app_role, full_name, cert_type::public.cert_type, cert_no, phone, staff_no
  from (values
    ('10000000-0000-4000-8000-000000000001', 'taxpayer', '张三', 'resident_id', '440106199001010013', '13800000001', null),
    ('10000000-0000-4000-8000-000000000004', 'taxpayer', '王五', 'social_security', '8800000001', '13800000004', null),
    ('10000000-0000-4000-8000-000000000005', 'taxpayer', '赵六', 'resident_id', '440106199001010056', '13800000005', null),
    ('10000000-0000-4000-8000-000000000006', 'taxpayer', '陈大文', 'hk_macao_permit', 'H00000001', '13800000006', null),
    ('10000000-0000-4000-8000-000000000101', 'officer', '周文', 'resident_id', '440106199001010064', '13900000101', 'TH001'),
    ('10000000-0000-4000-8000-000000000102', 'officer', '吴敏', 'resident_id', '440106199001010072', '13900000102', 'TH002'),
    ('10000000-0000-4000-8000-000000000103', 'officer', '郑洁', 'resident_id', '440106199001010080', '13900000103', 'TH003'),
    ('10000000-0000-4000-8000-000000000201', 'officer', '冯涛', 'resident_id', '440402199001010137', '13900000201', 'XZ001'),
    ('10000000-0000-4000-8000-000000000202', 'officer', '陈静', 'resident_id', '440402199001010145', '13900000202', 'XZ002'),
    ('10000000-0000-4000-8000-000000000203', 'officer', '褚亮', 'resident_id', '440402199001010153', '13900000203', 'XZ003'),
    ('10000000-0000-4000-8000-000000000301', 'officer', '卫强', 'resident_id', '440106199001010099', '13900000301', 'ZB001'),
    ('10000000-0000-4000-8000-000000000901', 'admin', '沈岚', 'resident_id', '44010619900101003X', '13700000001', 'ADM001')
  ) as t (id, app_role, full_name, cert_type, cert_no, phone, staff_no)
),
created as (
  insert into public.profiles (id, app_role, full_name, cert_type, cert_no, phone, staff_no)
  select * from v
  on conflict (id) do nothing
  returning id
)
update public.profiles p
   set app_role = v.app_role, full_name = v.full_name, cert_type = v.cert_type, cert_no = v.cert_no,
       phone = v.phone, staff_no = v.staff_no
  from v
 where p.id = v.id
   and not exists (select 1 from created c where c.id = v.id)
   and (p.app_role, p.full_name, p.cert_type, p.cert_no, p.phone, p.staff_no)
       is distinct from (v.app_role, v.full_name, v.cert_type, v.cert_no, v.phone, v.staff_no);

-- Officers: every duty is covered in both demo halls (01 天河, 06 香洲); 卫强 (值班长) has all duties in both.
insert into public.officer_duties (officer_id, duty) values
  ('10000000-0000-4000-8000-000000000101', 'reviewer'),
  ('10000000-0000-4000-8000-000000000101', 'back_office'),
  ('10000000-0000-4000-8000-000000000102', 'online'),
  ('10000000-0000-4000-8000-000000000102', 'guidance'),
  ('10000000-0000-4000-8000-000000000103', 'onsite'),
  ('10000000-0000-4000-8000-000000000201', 'reviewer'),
  ('10000000-0000-4000-8000-000000000201', 'back_office'),
  ('10000000-0000-4000-8000-000000000202', 'online'),
  ('10000000-0000-4000-8000-000000000202', 'guidance'),
  ('10000000-0000-4000-8000-000000000203', 'onsite'),
  ('10000000-0000-4000-8000-000000000301', 'reviewer'),
  ('10000000-0000-4000-8000-000000000301', 'back_office'),
  ('10000000-0000-4000-8000-000000000301', 'online'),
  ('10000000-0000-4000-8000-000000000301', 'guidance'),
  ('10000000-0000-4000-8000-000000000301', 'onsite')
on conflict do nothing;

insert into public.officer_halls (officer_id, hall_id) values
  ('10000000-0000-4000-8000-000000000101', 'b0000000-0000-4000-8000-000000000001'),
  ('10000000-0000-4000-8000-000000000102', 'b0000000-0000-4000-8000-000000000001'),
  ('10000000-0000-4000-8000-000000000103', 'b0000000-0000-4000-8000-000000000001'),
  ('10000000-0000-4000-8000-000000000201', 'b0000000-0000-4000-8000-000000000006'),
  ('10000000-0000-4000-8000-000000000202', 'b0000000-0000-4000-8000-000000000006'),
  ('10000000-0000-4000-8000-000000000203', 'b0000000-0000-4000-8000-000000000006'),
  ('10000000-0000-4000-8000-000000000301', 'b0000000-0000-4000-8000-000000000001'),
  ('10000000-0000-4000-8000-000000000301', 'b0000000-0000-4000-8000-000000000006')
on conflict do nothing;

-- Who may act for the enterprises: 赵六 is the tax agent (办税员) of the Guangzhou company and the legal
-- representative (法定代表人) of the Zhuhai company (use the latter to try 取消非正常户认定).
insert into public.enterprise_members (enterprise_id, user_id, relation) values
  ('e0000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000005', 'tax_agent'),
  ('e0000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000005', 'legal_rep')
on conflict do nothing;

-- ---------------------------------------------------------------------------------------------------------------
-- 6. 常用语 (canned replies of 征纳互动): hall_id null = every hall. Admins edit them in Studio.
-- ---------------------------------------------------------------------------------------------------------------
insert into public.canned_replies (id, hall_id, body, sort_order) values
  ('c9000000-0000-4000-8000-000000000001', null, '您好，我是本次为您办理业务的税务人员，请问有什么可以帮您？', 10),
  ('c9000000-0000-4000-8000-000000000002', null, '请您上传清晰、完整的材料照片或扫描件，以便我们尽快审核。', 20),
  ('c9000000-0000-4000-8000-000000000003', null, '您的材料已收到，正在审核中，审核结果会通过通知中心告知您，请耐心等候。', 30),
  ('c9000000-0000-4000-8000-000000000004', null, '请您保持在线，即将为您进行视频办理。', 40),
  ('c9000000-0000-4000-8000-000000000005', null, '如无其他问题，本次咨询到此结束，感谢您的配合！', 50),
  ('c9000000-0000-4000-8000-000000000006', 'b0000000-0000-4000-8000-000000000001',
   '如需现场办理，请携带身份证件原件前往天河区税务局第一税务分局办税服务厅。', 60)
on conflict do nothing;
