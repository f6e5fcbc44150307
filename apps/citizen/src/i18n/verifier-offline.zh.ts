/** 离线核验 on the verifier page (zh). Merged into zh.ts as `verifierOffline`; verifier-offline.en.ts has the same keys. */
export const verifierOfflineZh = {
  badge: '离线核验',
  ready:
    '离线核验已就绪：本机已保存{{issuers}}个签发机构的公钥和{{lists}}个证照状态列表，状态信息更新于{{time}}（{{age}}）。网络断开时将在本机核验。',
  readyNoLists: '离线核验已就绪：本机已保存{{issuers}}个签发机构的公钥；暂无证照状态列表。',
  notReady: '本机尚未保存离线核验数据，网络断开时无法核验。请在联网时打开本页面。',
  refreshing: '正在更新离线核验数据…',
  offlineNow: '当前无网络，扫码后将在本机离线核验。',
  noData: '当前无网络，且本机尚未保存离线核验数据，无法核验。请恢复网络后重试。',
  keysAge: '签发机构公钥更新于{{time}}（{{age}}）',
  statusAge: '状态信息更新于{{time}}（{{age}}），有效至{{until}}',
  statusNone: '本机没有该证照的有效状态信息',
  replay: '离线核验无法发现出示码被重复使用（如截图转发），请当面核对持证人。',
  queued: '离线核验结果已保存在本机，恢复网络后将自动上传登记核验记录（由服务器重新核验）。',
  pending: '{{n}} 条离线核验待登记，恢复网络后自动上传。',
  uploading: '正在上传 {{n}} 条离线核验记录…',
  uploaded: '已登记 {{n}} 条离线核验记录。',
  refused: '1 条离线核验未能登记：{{reason}}',
  droppedExpired: '有 {{n}} 条离线核验记录超过{{hours}}小时未上传，已按规定删除。',
  droppedUnreadable:
    '有 {{n}} 条离线核验记录无法在本机读取（加密密钥已丢失或记录已损坏），已删除；如需登记请重新核验。',
  offlineSession: '当前无网络：按本机保存的核验单位信息离线核验，恢复网络后将确认登录状态。',
  ageNow: '刚刚',
  ageMinutes: '{{n}}分钟前',
  ageHours: '{{n}}小时前',
  ageDays: '{{n}}天前',
};
