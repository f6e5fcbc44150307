import type { StaffRole } from '@yss/contracts';

/**
 * Least privilege as data: each role is a short list of permissions, and a grant gives one role in one
 * department for one city (or the whole province). Add a role or a permission here; every console route
 * asks for a permission, never for a role, so routes do not change when roles do.
 */
export const PERMISSIONS = {
  'application.review': '审核办件申请',
  'slot.manage': '管理预约号源',
  'catalog.edit': '编辑本市服务事项',
  'feedback.read': '查看意见反馈',
  'feedback.answer': '处理意见反馈',
  'faq.edit': '维护常见问题',
  'audit.read': '查看本部门审计日志',
  'wallet.status': '注销、暂停或恢复本部门签发的电子证照',
  'platform.backup': '管理数据备份（立即备份、校验）',
  'verifier.manage': '登记本市核验单位，开通或停用核验人员账号',
} as const;
export type Permission = keyof typeof PERMISSIONS;

export const ROLES: Record<StaffRole, { name: string; permissions: readonly Permission[] }> = {
  reviewer: { name: '审核人员', permissions: ['application.review', 'wallet.status'] },
  slot_manager: { name: '号源管理员', permissions: ['slot.manage'] },
  catalog_editor: { name: '事项管理员', permissions: ['catalog.edit'] },
  service_desk: { name: '客服人员', permissions: ['feedback.read', 'feedback.answer', 'faq.edit'] },
  auditor: { name: '审计人员', permissions: ['audit.read'] },
  platform_operator: { name: '平台运维人员', permissions: ['platform.backup'] },
  verifier_admin: { name: '核验单位管理员', permissions: ['verifier.manage'] },
};

export function isStaffRole(role: string): role is StaffRole {
  return Object.hasOwn(ROLES, role);
}

export interface Grant {
  role: StaffRole;
  departmentId: string;
  /** null: the whole province. */
  cityCode: string | null;
}

/** What an action touches: a department's data, in one city or (cityCode null) not tied to a city. */
export interface Scope {
  departmentId?: string;
  cityCode?: string | null;
}

export function grantAllows(grant: Grant, permission: Permission): boolean {
  return ROLES[grant.role].permissions.includes(permission);
}

/**
 * Whether a grant covers a scope: same department (when the scope names one) and either a province-wide
 * grant or the same city. Data tied to no city is covered by province-wide grants only.
 */
export function grantCovers(grant: Grant, scope: Scope): boolean {
  if (scope.departmentId !== undefined && grant.departmentId !== scope.departmentId) return false;
  if (scope.cityCode === undefined || grant.cityCode === null) return true;
  return grant.cityCode === scope.cityCode;
}
