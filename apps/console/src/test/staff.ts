import type { StaffGrant, StaffProfile } from '@yss/contracts';

/** The roles of modules/staff/roles.ts as the profile answer names them, with the permissions the tests use. */
const ROLES = {
  reviewer: { roleName: '审核人员', permissions: [{ id: 'application.review', name: '审核办件申请' }] },
  slot_manager: { roleName: '号源管理员', permissions: [{ id: 'slot.manage', name: '管理预约号源' }] },
  service_desk: { roleName: '客服人员', permissions: [{ id: 'feedback.read', name: '查看意见反馈' }] },
} as const;

/** 广东省公安厅, 广东省民政厅, …: a grant's department. */
export interface Department {
  departmentId: string;
  departmentName: string;
}
export const POLICE: Department = { departmentId: 'gd-police', departmentName: '广东省公安厅' };
export const CIVIL_AFFAIRS: Department = { departmentId: 'gd-civil-affairs', departmentName: '广东省民政厅' };
export const HOUSING_FUND: Department = { departmentId: 'housing-fund-centres', departmentName: '住房公积金管理中心' };

/**
 * One grant (a role in one department and city), shaped as the contract's StaffGrant; `also` adds permissions of
 * the role beyond those listed above.
 */
export function grant(
  role: keyof typeof ROLES,
  department: Department,
  cityCode: string,
  cityName: string,
  also: { id: string; name: string }[] = [],
): StaffGrant {
  const { roleName, permissions } = ROLES[role];
  return {
    role,
    roleName,
    permissions: [...permissions, ...also],
    ...department,
    cityCode,
    cityName,
  } as StaffGrant;
}

/** A signed-in staff member's profile (GET /api/v1/staff/me), the one-time password already changed. */
export const staffProfile = (username: string, displayName: string, grants: StaffGrant[]): StaffProfile => ({
  username,
  displayName,
  passwordChangeRequired: false,
  grants,
});
