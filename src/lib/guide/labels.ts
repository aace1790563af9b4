// Chinese labels and short explanations of the guidance screens (the guides' own words), and the masking of
// the signed-in identity shown in the header.
import type { BusinessNode, HandlingPath, Region, Requirement } from './types';
import type { Audience } from './state';

export const AUDIENCE_LABEL: Record<Audience, string> = { personal: '个人业务', enterprise: '企业业务' };

/** Handling modes a node allows, as the labels shown beside it. */
export function modeLabels(node: Pick<BusinessNode, 'allows_online' | 'allows_back_office'>): string[] {
  const labels: string[] = [];
  if (node.allows_online) labels.push('在线帮办');
  if (node.allows_back_office) labels.push('后台帮办');
  return labels;
}

export const PATH_INFO: Record<HandlingPath, { label: string; explain: string }> = {
  etax: { label: '电子税务局', explain: '登录广东省电子税务局，按页面提示在网上自助办理，无需到办税服务厅。' },
  yueshuitong: { label: '“粤税通”微信小程序', explain: '在微信中搜索“粤税通”小程序，登录后在手机上办理。' },
  remote_visual: {
    label: '远程可视化办税',
    explain: '在线填写表单并上传资料，由税务人员通过后台帮办或视频连线（在线帮办）远程为您办理。',
  },
  service_hall: { label: '办税服务厅', explain: '携带一次性告知书所列的表单和资料，到办税服务厅现场办理。' },
};

/** The path order the guides recommend when the catalog gives no order of its own. */
export const PATH_ORDER: HandlingPath[] = ['etax', 'yueshuitong', 'remote_visual', 'service_hall'];

/** 广东省 / 珠海市 / 香洲区 */
export const regionLabel = (path: Pick<Region, 'name'>[]) => path.map((r) => r.name).join(' / ');

/** A form as the letter prints it: A02095《代开增值税发票缴款申报单》. */
export const formTitle = (form: { code: string; name: string }) => `${form.code}《${form.name}》`;

/** The name of a requirement line (form with code, or material). */
export const requirementTitle = (r: Requirement) => (r.form ? formTitle(r.form) : (r.material?.name ?? ''));

export const requiredLabel = (required: boolean) => (required ? '必填' : '选填');

/** 138****1234 from +8613812341234, 8613812341234 or 13812341234. */
export function maskPhone(phone: string | null | undefined): string {
  const digits = (phone ?? '').replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  if (!/^1\d{10}$/.test(digits)) return '';
  return `${digits.slice(0, 3)}****${digits.slice(7)}`;
}

/** 张* / 欧** : the first character stays, the rest is hidden. */
export function maskName(name: string | null | undefined): string {
  const chars = Array.from((name ?? '').trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return chars[0];
  return chars[0] + '*'.repeat(chars.length - 1);
}
