import type { ConsoleVerifierOrganisation, TicketingStationChoices } from '@yss/contracts';
import type { ButtonProps } from 'antd';
import { Alert, Button, Form, Modal, Popconfirm, Select, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { api } from '../api';
import { useConsoleQuery } from '../useConsoleQuery';
import { ProblemAlert, useSubmission } from '../ValidatedModal';

const ORGS = '/api/v1/console/verifier-organisations';

/**
 * 接入联网售票系统: which station of the province's coach ticketing system a coach station is. Its clerks check
 * and board tickets there; until it is linked they cannot check tickets online. The stations are the ticketing
 * system's own list for the organisation's city; one held by another organisation is shown but cannot be chosen
 * (the server refuses it too).
 */
export function TicketingStationModal({
  organisation,
  onClose,
  onSaved,
}: {
  organisation: ConsoleVerifierOrganisation;
  onClose(): void;
  onSaved(o: ConsoleVerifierOrganisation, message: string): void;
}) {
  const load = useCallback(
    (signal: AbortSignal) =>
      api<TicketingStationChoices>('GET', `${ORGS}/${organisation.id}/ticketing-stations`, undefined, signal),
    [organisation.id],
  );
  const choices = useConsoleQuery<TicketingStationChoices | null>(load, null);
  const current = organisation.ticketingStation;
  const [stationId, setStationId] = useState<string | undefined>(current?.id);
  const [missing, setMissing] = useState(false);
  const { saving, problem, send } = useSubmission();

  const save = () => {
    if (!stationId) {
      setMissing(true);
      return;
    }
    setMissing(false);
    void send(async () => {
      const saved = await api<ConsoleVerifierOrganisation>('PUT', `${ORGS}/${organisation.id}/ticketing-station`, {
        stationId,
      });
      onSaved(saved, `已接入：${saved.name} → 联网售票系统 ${saved.ticketingStation?.name ?? ''}`);
    });
  };
  const unlink = () =>
    send(async () => {
      const saved = await api<ConsoleVerifierOrganisation>('DELETE', `${ORGS}/${organisation.id}/ticketing-station`);
      onSaved(saved, `已断开：${saved.name}的核验人员不能再在线验票`);
    });

  return (
    <Modal
      open
      title={`接入联网售票系统：${organisation.name}`}
      onCancel={onClose}
      maskClosable={!saving}
      closable={{ 'aria-label': '关闭' }}
      footer={
        <Space>
          {current && (
            <Popconfirm
              title="断开接入？"
              description="断开后该客运站的核验人员不能再在线验票、检票上车，直至重新接入。"
              okText="断开"
              cancelText="取消"
              okButtonProps={{ danger: true, 'data-testid': 'ticketing-unlink-confirm' } as ButtonProps}
              onConfirm={unlink}
            >
              <Button danger disabled={saving} data-testid="ticketing-unlink">
                断开接入
              </Button>
            </Popconfirm>
          )}
          <Button onClick={onClose} disabled={saving}>
            取消
          </Button>
          <Button type="primary" loading={saving} disabled={!choices.data} onClick={save} data-testid="ticketing-save">
            保存
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          客运站接入省道路客运联网售票系统后，其核验人员才能在证照核验页面扫码验票、检票上车。请选择该单位在售票系统中对应的客运站，一个站点只能由一个核验单位接入。
        </Typography.Paragraph>
        <Typography.Text data-testid="ticketing-current">
          当前：{current ? `已接入 ${current.name}（站点编号 ${current.id}）` : '未接入，核验人员不能在线验票'}
        </Typography.Text>
        {choices.problem && (
          <Alert
            type="error"
            showIcon
            role="alert"
            message={`暂时无法读取联网售票系统的客运站：${choices.problem}`}
            data-testid="ticketing-load-error"
          />
        )}
        <ProblemAlert problem={problem} testId="ticketing-error" />
        <Form layout="vertical" component="div">
          <Form.Item
            label={`${organisation.cityName}的客运站`}
            htmlFor="ticketing-station"
            required
            validateStatus={missing ? 'error' : undefined}
            help={missing ? '请选择联网售票系统中的客运站' : undefined}
          >
            <Select
              id="ticketing-station"
              data-testid="ticketing-station"
              placeholder={choices.loading ? '正在读取联网售票系统…' : '请选择'}
              loading={choices.loading}
              value={stationId}
              onChange={setStationId}
              options={(choices.data?.stations ?? []).map((s) => {
                const elsewhere = s.linkedTo && s.linkedTo.id !== organisation.id ? s.linkedTo.name : null;
                return {
                  value: s.id,
                  disabled: Boolean(elsewhere),
                  label: `${s.name}（${s.address}）${elsewhere ? `，已由“${elsewhere}”接入` : ''}`,
                };
              })}
            />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
