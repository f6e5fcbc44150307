import type { BackupRun, ConsoleBackupOverview } from '@yss/contracts';
import { Alert, App, Button, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, errorText } from '../api';
import { chinaDateTime } from '../china-time';
import { RequireGrant } from '../RequireGrant';
import { useConsoleQuery } from '../useConsoleQuery';

/** While a backup runs the list is asked again this often (a backup of a large database takes minutes). */
const POLL_MS = 2000;
const BACKUP_TIMEOUT_MS = 15 * 60_000;

const TRIGGERS: Record<BackupRun['trigger'], string> = { schedule: '定时', console: '控制台', cli: '命令行' };
const STATUS: Record<BackupRun['status'], { color: string; text: string }> = {
  running: { color: 'processing', text: '进行中' },
  succeeded: { color: 'success', text: '成功' },
  failed: { color: 'error', text: '失败' },
};
const VERIFY: Record<NonNullable<BackupRun['verifyResult']>, { color: string; text: string }> = {
  ok: { color: 'success', text: '校验通过' },
  damaged: { color: 'error', text: '文件损坏' },
  missing: { color: 'warning', text: '文件不存在' },
  'wrong-key': { color: 'error', text: '密钥不符' },
};

/** Beijing time, to the second: 2026-11-28 11:30:05. */
const beijing = (iso: string) => chinaDateTime(iso, { seconds: true });

function size(bytes: number | null) {
  if (bytes === null) return '—';
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/**
 * 数据备份 (H2, "具备数据的备份及恢复能力") for the operator's 平台运维人员: the schedule, every backup and restore, 立即备份
 * and 校验. Restoring is not a button: it replaces the platform's data and is done with the platform stopped, by the
 * command the page shows.
 */
export function BackupsPage() {
  return (
    <RequireGrant
      permission="platform.backup"
      title="您没有管理数据备份的权限"
      subTitle="数据备份由省政务服务数据管理局的平台运维人员管理。如需开通，请联系管理员。"
      testId="backups-forbidden"
    >
      {() => <BackupBoard />}
    </RequireGrant>
  );
}

function BackupBoard() {
  const { message } = App.useApp();
  const load = useCallback(
    (signal: AbortSignal) => api<ConsoleBackupOverview>('GET', '/api/v1/console/backups', undefined, signal),
    [],
  );
  const overview = useConsoleQuery<ConsoleBackupOverview | null>(load, null);
  const [starting, setStarting] = useState(false);
  const [verifying, setVerifying] = useState<string | null>(null);
  const runs = overview.data?.runs ?? [];
  const running = runs.some((r) => r.status === 'running');

  // Follow a running backup to its end.
  const { reload } = overview;
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => void reload(), POLL_MS);
    return () => clearTimeout(timer);
  }, [running, reload]);

  const backUpNow = async () => {
    setStarting(true);
    try {
      await api<BackupRun>('POST', '/api/v1/console/backups');
      message.info('已开始备份，完成后列表会自动更新');
      await reload();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setStarting(false);
    }
  };

  const verify = async (run: BackupRun) => {
    setVerifying(run.id);
    try {
      // the check restores the whole backup within the request: minutes on a large database
      const checked = await api<BackupRun>(
        'POST',
        `/api/v1/console/backups/${run.id}/verify`,
        undefined,
        undefined,
        BACKUP_TIMEOUT_MS,
      );
      const result = checked.verifyResult ? VERIFY[checked.verifyResult].text : '未校验';
      if (checked.verifyResult === 'ok') message.success(`${checked.fileName}：${result}`);
      else message.error(`${checked.fileName}：${result}`);
      overview.setData((d) => (d ? { ...d, runs: d.runs.map((r) => (r.id === checked.id ? checked : r)) } : d));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setVerifying(null);
    }
  };

  const schedule = overview.data
    ? overview.data.scheduleHours
      ? `每 ${overview.data.scheduleHours} 小时自动备份一次，保留最近 ${overview.data.keep} 份`
      : `未设置定时备份（BACKUP_INTERVAL_HOURS=0），保留最近 ${overview.data.keep} 份`
    : '';

  return (
    <section aria-labelledby="backups-title">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
        <div>
          <Typography.Title level={3} id="backups-title">
            数据备份
          </Typography.Title>
          <Typography.Paragraph type="secondary" data-testid="backup-schedule">
            {schedule}
            {overview.data ? `；数据库：${overview.data.engine === 'pglite' ? '嵌入式（PGlite）' : 'PostgreSQL'}` : ''}
          </Typography.Paragraph>
        </div>
        <Space>
          <Button onClick={() => void reload()}>刷新</Button>
          <Button type="primary" loading={starting || running} onClick={backUpNow} data-testid="backup-now">
            {running ? '正在备份…' : '立即备份'}
          </Button>
        </Space>
      </Space>
      {overview.problem && <Alert type="error" showIcon message={overview.problem} style={{ marginBottom: 16 }} />}
      <Table<BackupRun>
        rowKey="id"
        loading={overview.loading && !overview.data}
        dataSource={runs}
        pagination={false}
        data-testid="backup-runs"
        locale={{ emptyText: '还没有备份记录' }}
        columns={[
          { title: '开始时间（北京时间）', dataIndex: 'startedAt', render: (v: string) => beijing(v) },
          {
            title: '类型',
            render: (_, r) =>
              `${r.kind === 'backup' ? '备份' : '恢复'}·${TRIGGERS[r.trigger]}${r.triggeredBy ? `（${r.triggeredBy}）` : ''}`,
          },
          {
            title: '状态',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATUS[r.status].color}>{STATUS[r.status].text}</Tag>
                {r.error && <Typography.Text type="danger">{r.error}</Typography.Text>}
              </Space>
            ),
          },
          { title: '文件', dataIndex: 'fileName', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: '大小', dataIndex: 'bytes', render: (v: number | null) => size(v) },
          {
            title: '表 / 行',
            render: (_, r) => (r.tables === null ? '—' : `${r.tables} / ${(r.rows ?? 0).toLocaleString('zh-CN')}`),
          },
          {
            title: '校验',
            render: (_, r) => {
              if (r.pruned) return <Tag>已按保留规则清理</Tag>;
              if (r.kind !== 'backup' || r.status !== 'succeeded') return '—';
              return (
                <Space>
                  {r.verifyResult && (
                    <Tag color={VERIFY[r.verifyResult].color} title={r.verifiedAt ? beijing(r.verifiedAt) : undefined}>
                      {VERIFY[r.verifyResult].text}
                    </Tag>
                  )}
                  <Button
                    size="small"
                    loading={verifying === r.id}
                    onClick={() => verify(r)}
                    aria-label={`校验 ${r.fileName}`}
                  >
                    校验
                  </Button>
                </Space>
              );
            },
          },
        ]}
      />
      <Alert
        style={{ marginTop: 24 }}
        type="info"
        showIcon
        message="如何恢复"
        description={
          <div>
            恢复会替换平台的全部数据，须先停止平台，在服务器上执行：
            <Typography.Paragraph copyable code style={{ margin: '8px 0' }}>
              npm run restore -- &lt;备份文件&gt; --replace
            </Typography.Paragraph>
            嵌入式数据库会先把现有数据移到一旁保留；PostgreSQL 须恢复到一个新建的空数据库。恢复需要备份时的数据密钥
            （DATA_ENCRYPTION_KEY），恢复后会逐表读回核对。备份文件已加密，请与数据密钥分开保管。
          </div>
        }
      />
    </section>
  );
}
