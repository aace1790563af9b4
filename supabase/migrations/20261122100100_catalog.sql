-- The guidance catalog (智能导税) admins edit in Studio: regions, service halls, business categories and
-- subcategories, the question/answer tree that leads to a topic (主题), topics, business nodes (业务节点) with their
-- allowed handling modes and promised working days, the forms (with codes such as A02095) and materials a node
-- requires, and the recommended handling paths (办理路径推荐). Readable by every signed-in user; written by admins.

create type public.region_level as enum ('province', 'city', 'district');
comment on type public.region_level is 'Administrative level: 省 / 市 / 区县.';

create table public.regions (
  code text primary key check (code ~ '^[0-9]{6}$'),
  name text not null check (length(name) between 1 and 50),
  level public.region_level not null,
  parent_code text references public.regions (code) on update cascade,
  sort integer not null default 0,
  active boolean not null default true,
  check ((level = 'province') = (parent_code is null))
);
comment on table public.regions is 'Regions for choosing where to handle business (省 → 市 → 区县). Keyed by the 6-digit administrative division code.';
comment on column public.regions.code is '6-digit administrative division code, e.g. 440402 (香洲区).';
comment on column public.regions.name is 'Display name, e.g. 广东省, 珠海市, 香洲区.';
comment on column public.regions.level is 'province / city / district; provinces have no parent.';
comment on column public.regions.parent_code is 'The enclosing region (city of a district, province of a city).';
comment on column public.regions.sort is 'Order in pickers (ascending).';
comment on column public.regions.active is 'Unticked regions are hidden from pickers.';
create index regions_parent_idx on public.regions (parent_code);

create table public.service_halls (
  id uuid primary key default gen_random_uuid(),
  region_code text not null references public.regions (code) on update cascade,
  name text not null check (length(name) between 1 and 100),
  address text,
  phone text,
  sort integer not null default 0,
  active boolean not null default true,
  created_at timestamptz not null default now()
);
comment on table public.service_halls is 'Tax service halls / tax offices (办税服务厅, 税务机构). Officers are assigned to halls; queues, slots and tickets are per hall.';
comment on column public.service_halls.region_code is 'District (or city) the hall belongs to; used when the taxpayer picks a handling region.';
comment on column public.service_halls.name is 'Hall name as shown to taxpayers (大厅名称), e.g. 香洲区.';
comment on column public.service_halls.address is 'Street address shown on the appointment notice.';
comment on column public.service_halls.phone is 'Public phone number of the hall.';
comment on column public.service_halls.sort is 'Order in pickers (ascending).';
comment on column public.service_halls.active is 'Inactive halls cannot be chosen for new forms.';
create index service_halls_region_idx on public.service_halls (region_code);

create type public.business_audience as enum ('personal', 'enterprise', 'both');
comment on type public.business_audience is 'Who a category is for: 个人业务 / 企业业务 / both.';

create table public.business_categories (
  id uuid primary key default gen_random_uuid(),
  code text unique,
  name text not null check (length(name) between 1 and 100),
  audience public.business_audience not null default 'both',
  sort integer not null default 0,
  active boolean not null default true
);
comment on table public.business_categories is 'Business categories (业务大类), first step of topic location.';
comment on column public.business_categories.code is 'Optional stable code for references from seeds and integrations.';
comment on column public.business_categories.name is 'Display name, e.g. 发票办理, 税费申报及缴纳.';
comment on column public.business_categories.audience is 'personal (个人业务), enterprise (企业业务) or both.';
comment on column public.business_categories.sort is 'Order in pickers (ascending).';
comment on column public.business_categories.active is 'Inactive categories are hidden.';

create table public.business_subcategories (
  id uuid primary key default gen_random_uuid(),
  category_id uuid not null references public.business_categories (id) on delete cascade,
  code text unique,
  name text not null check (length(name) between 1 and 100),
  sort integer not null default 0,
  active boolean not null default true
);
comment on table public.business_subcategories is 'Business subcategories (业务小类) of a category.';
comment on column public.business_subcategories.category_id is 'The category (业务大类) it belongs to.';
comment on column public.business_subcategories.code is 'Optional stable code.';
comment on column public.business_subcategories.name is 'Display name, e.g. 代开发票.';
comment on column public.business_subcategories.sort is 'Order in pickers (ascending).';
comment on column public.business_subcategories.active is 'Inactive subcategories are hidden.';
create index business_subcategories_category_idx on public.business_subcategories (category_id);

create table public.topics (
  id uuid primary key default gen_random_uuid(),
  subcategory_id uuid not null references public.business_subcategories (id) on delete cascade,
  code text unique,
  name text not null check (length(name) between 1 and 100),
  overview text,
  sort integer not null default 0,
  active boolean not null default true
);
comment on table public.topics is 'Business topics (主题), reached by answering the guidance questions of a subcategory.';
comment on column public.topics.subcategory_id is 'The subcategory (业务小类) the topic belongs to.';
comment on column public.topics.code is 'Optional stable code.';
comment on column public.topics.name is 'Topic name shown on the case, e.g. 车船税退抵税.';
comment on column public.topics.overview is 'Topic overview (主题事项概述) printed on the one-time notification letter.';
comment on column public.topics.sort is 'Order (ascending).';
comment on column public.topics.active is 'Inactive topics are hidden.';
create index topics_subcategory_idx on public.topics (subcategory_id);

create table public.guidance_questions (
  id uuid primary key default gen_random_uuid(),
  subcategory_id uuid not null references public.business_subcategories (id) on delete cascade,
  prompt text not null check (length(prompt) between 1 and 500),
  is_first boolean not null default false,
  sort integer not null default 0
);
comment on table public.guidance_questions is 'Questions asked after choosing a subcategory; answers lead to another question or to a topic.';
comment on column public.guidance_questions.subcategory_id is 'Subcategory whose questions these are.';
comment on column public.guidance_questions.prompt is 'The question text, e.g. 您是否为自然人？';
comment on column public.guidance_questions.is_first is 'The question asked first for the subcategory (exactly one per subcategory when it has questions).';
comment on column public.guidance_questions.sort is 'Display order among questions.';
create unique index guidance_questions_one_first on public.guidance_questions (subcategory_id) where is_first;

create table public.guidance_answers (
  id uuid primary key default gen_random_uuid(),
  question_id uuid not null references public.guidance_questions (id) on delete cascade,
  label text not null check (length(label) between 1 and 200),
  next_question_id uuid references public.guidance_questions (id) on delete set null,
  topic_id uuid references public.topics (id) on delete cascade,
  sort integer not null default 0,
  check ((next_question_id is null) <> (topic_id is null)),
  check (next_question_id is distinct from question_id)
);
comment on table public.guidance_answers is 'Possible answers of a guidance question; each leads either to the next question or to a topic.';
comment on column public.guidance_answers.question_id is 'The question this answer belongs to.';
comment on column public.guidance_answers.label is 'Answer text shown as a choice, e.g. 是 / 否.';
comment on column public.guidance_answers.next_question_id is 'Next question to ask (set exactly one of next_question_id and topic_id).';
comment on column public.guidance_answers.topic_id is 'Topic reached by this answer (set exactly one of next_question_id and topic_id).';
comment on column public.guidance_answers.sort is 'Display order among answers.';
create index guidance_answers_question_idx on public.guidance_answers (question_id);

create table public.business_nodes (
  id uuid primary key default gen_random_uuid(),
  topic_id uuid not null references public.topics (id) on delete cascade,
  code text unique,
  name text not null check (length(name) between 1 and 200),
  description text,
  allows_back_office boolean not null default true,
  allows_online boolean not null default true,
  promised_working_days integer not null default 1 check (promised_working_days between 0 and 60),
  sort integer not null default 0,
  active boolean not null default true,
  check (allows_back_office or allows_online)
);
comment on table public.business_nodes is 'Business nodes (业务节点) of a topic: the situation the taxpayer picks; fixes forms, materials, modes and the promised time limit.';
comment on column public.business_nodes.topic_id is 'Topic (主题) the node belongs to.';
comment on column public.business_nodes.code is 'Optional stable code.';
comment on column public.business_nodes.name is 'Node name shown for choosing, e.g. 自然人代开增值税普通发票.';
comment on column public.business_nodes.description is 'Longer explanation of when this node applies.';
comment on column public.business_nodes.allows_back_office is 'Back-office handling (后台帮办) allowed for this node.';
comment on column public.business_nodes.allows_online is 'Online handling (在线帮办: appointment or instant video) allowed for this node.';
comment on column public.business_nodes.promised_working_days is 'Promised time limit (承诺办理时限) in working days; also the default back-office completion date.';
comment on column public.business_nodes.sort is 'Order (ascending).';
comment on column public.business_nodes.active is 'Inactive nodes cannot be chosen.';
create index business_nodes_topic_idx on public.business_nodes (topic_id);

create table public.form_templates (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (length(code) between 1 and 30),
  name text not null check (length(name) between 1 and 200),
  description text,
  template_url text
);
comment on table public.form_templates is 'Tax forms (报表) taxpayers fill and upload, e.g. A02095《代开增值税发票缴款申报单》.';
comment on column public.form_templates.code is 'Official form code, e.g. A02095.';
comment on column public.form_templates.name is 'Form title without book-title marks, e.g. 代开增值税发票缴款申报单.';
comment on column public.form_templates.description is 'Filling instructions shown on the notification letter.';
comment on column public.form_templates.template_url is 'Optional link to a blank form for download.';

create table public.materials (
  id uuid primary key default gen_random_uuid(),
  name text not null unique check (length(name) between 1 and 200),
  description text
);
comment on table public.materials is 'Supporting materials (附送资料) that nodes may require, e.g. 居民身份证复印件.';
comment on column public.materials.name is 'Material name as printed on the letter.';
comment on column public.materials.description is 'Notes: copies or originals, number of copies, etc.';

create type public.requirement_kind as enum ('form', 'material');
comment on type public.requirement_kind is 'A node requirement is a form (报表) or a material (附送资料).';

create table public.node_requirements (
  id uuid primary key default gen_random_uuid(),
  node_id uuid not null references public.business_nodes (id) on delete cascade,
  kind public.requirement_kind not null,
  form_template_id uuid references public.form_templates (id),
  material_id uuid references public.materials (id),
  required boolean not null default true,
  note text,
  sort integer not null default 0,
  check ((kind = 'form') = (form_template_id is not null)),
  check ((kind = 'material') = (material_id is not null)),
  unique (node_id, form_template_id),
  unique (node_id, material_id)
);
comment on table public.node_requirements is 'Forms and materials a node requires: each row is one upload slot on the online form (在线填单) and one line of the letter.';
comment on column public.node_requirements.node_id is 'The business node.';
comment on column public.node_requirements.kind is 'form or material; set form_template_id for forms, material_id for materials.';
comment on column public.node_requirements.form_template_id is 'The form (for kind = form).';
comment on column public.node_requirements.material_id is 'The material (for kind = material).';
comment on column public.node_requirements.required is 'Required (必填) or optional; submit refuses while a required slot is empty.';
comment on column public.node_requirements.note is 'Extra note for this node, e.g. 需加盖公章.';
comment on column public.node_requirements.sort is 'Slot order (ascending).';
create index node_requirements_node_idx on public.node_requirements (node_id);

create type public.handling_path as enum ('etax', 'yueshuitong', 'remote_visual', 'service_hall');
comment on type public.handling_path is 'Recommended handling paths: 电子税务局, 粤税通小程序, 远程可视化办税, 办税服务厅.';

create table public.node_paths (
  node_id uuid not null references public.business_nodes (id) on delete cascade,
  path public.handling_path not null,
  sort integer not null default 0,
  url text,
  note text,
  primary key (node_id, path)
);
comment on table public.node_paths is 'Recommended handling paths (办理路径推荐) of a node; remote_visual leads into the online form.';
comment on column public.node_paths.node_id is 'The business node.';
comment on column public.node_paths.path is 'etax / yueshuitong / remote_visual / service_hall.';
comment on column public.node_paths.sort is 'Recommendation order (ascending).';
comment on column public.node_paths.url is 'Link for external paths (e.g. the 电子税务局 page of this business).';
comment on column public.node_paths.note is 'Short guidance shown with the path.';

alter table public.regions enable row level security;
alter table public.service_halls enable row level security;
alter table public.business_categories enable row level security;
alter table public.business_subcategories enable row level security;
alter table public.topics enable row level security;
alter table public.guidance_questions enable row level security;
alter table public.guidance_answers enable row level security;
alter table public.business_nodes enable row level security;
alter table public.form_templates enable row level security;
alter table public.materials enable row level security;
alter table public.node_requirements enable row level security;
alter table public.node_paths enable row level security;

-- Signed-in users read the catalog through the Data API; admins write it in Studio.
grant select on table public.regions, public.service_halls, public.business_categories, public.business_subcategories,
  public.topics, public.guidance_questions, public.guidance_answers, public.business_nodes, public.form_templates,
  public.materials, public.node_requirements, public.node_paths to authenticated;
-- The app server reads a form's node, topic and required forms/materials (QR upload page, src/lib/server/uploads).
grant select on table public.business_nodes, public.topics, public.node_requirements, public.form_templates,
  public.materials to service_role;

do $$
declare t text;
begin
  foreach t in array array['regions','service_halls','business_categories','business_subcategories','topics',
    'guidance_questions','guidance_answers','business_nodes','form_templates','materials','node_requirements','node_paths']
  loop
    execute format('create policy "signed-in users read the catalog" on public.%I for select to authenticated using (true)', t);
  end loop;
end $$;
