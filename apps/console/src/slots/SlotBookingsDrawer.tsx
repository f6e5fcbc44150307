import {
  APPOINTMENT_STATUS_LABELS,
  APPOINTMENT_SUBJECT_KINDS,
  type AppointmentStatus,
  type ConsoleBooking,
  type ConsoleHomeVisit,
  type ConsoleSlot,
  findAppointmentService,
} from '@yss/contracts';
import { Alert, Button, Drawer, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, errorText } from '../api';
import { MaskedValue } from '../MaskedValue';
import { formatChinaTime } from './dates';
import { slotText } from './SlotModals';

/** Solid tags with white text, dark enough for WCAG AA. */
const STATUS_COLOR: Record<AppointmentStatus, string> = {
  booked: '#007a4d',
  checked_in: '#0958d9',
  no_show: '#c4161c',
  cancelled: '#5f6b7a',
  slot_cancelled: '#a35200',
};

/** 查看预约: who booked the slot, masked as the counter needs it (预约号, name, ID number, status, time booked). */
export function SlotBookingsDrawer({ slot, onClose }: { slot: ConsoleSlot | null; onClose(): void }) {
  return (
    <Drawer
      open={slot !== null}
      title={slot ? `预约名单：${slotText(slot)}` : '预约名单'}
      width={820}
      onClose={onClose}
      closable={{ 'aria-label': '关闭预约名单' }}
      destroyOnHidden
      data-testid="slot-bookings-drawer"
    >
      {slot && <BookingList key={slot.id} slot={slot} />}
    </Drawer>
  );
}

function BookingList({ slot }: { slot: ConsoleSlot }) {
  const [rows, setRows] = useState<ConsoleBooking[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setRows(await api<ConsoleBooking[]>('GET', `/api/v1/console/slots/${encodeURIComponent(slot.id)}/bookings`));
    } catch (err) {
      setRows([]);
      setError(errorText(err));
    } finally {
      setLoading(false);
    }
  }, [slot.id]);
  useEffect(() => {
    void load();
  }, [load]);

  // 年审预约: which vehicle each booking is for (plate masked), so the station knows which car comes
  const subjectKind = findAppointmentService(slot.serviceId)?.subject;
  // 上门服务 (开锁): where each visit goes, masked; the full address and phone are read one booking at a time
  const homeVisit = findAppointmentService(slot.serviceId)?.homeVisit === true;
  const booked = rows.filter((r) => r.status === 'booked' || r.status === 'checked_in').length;
  const checkedIn = rows.filter((r) => r.status === 'checked_in').length;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ margin: 0 }}>
        {slot.address}
        <br />
        可预约 {slot.capacity} 人
        {loading ? '' : `，有效预约 ${booked} 人（已签到 ${checkedIn} 人），共 ${rows.length} 条记录`}
      </Typography.Paragraph>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={error}
          action={
            <Button size="small" onClick={() => void load()}>
              重试
            </Button>
          }
        />
      )}
      <Table<ConsoleBooking>
        data-testid="slot-bookings"
        rowKey="appointmentNumber"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '该时段暂无预约' }}
        columns={[
          { title: '预约号', dataIndex: 'appointmentNumber', width: 170 },
          { title: '姓名', dataIndex: 'nameMasked', width: 100 },
          { title: '证件号码', dataIndex: 'idNumberMasked', width: 190 },
          ...(subjectKind
            ? [
                {
                  title: APPOINTMENT_SUBJECT_KINDS[subjectKind].label,
                  dataIndex: 'subjectLabel',
                  width: 180,
                  render: (v: string | null) => v ?? '—',
                },
              ]
            : []),
          ...(homeVisit
            ? [
                {
                  title: '上门地址',
                  key: 'visit',
                  width: 240,
                  render: (_: unknown, r: ConsoleBooking) => <VisitCell slotId={slot.id} booking={r} />,
                },
              ]
            : []),
          {
            title: '状态',
            dataIndex: 'status',
            render: (v: AppointmentStatus) => <Tag color={STATUS_COLOR[v]}>{APPOINTMENT_STATUS_LABELS[v].label}</Tag>,
          },
          { title: '预约时间', dataIndex: 'bookedAt', width: 150, render: (v: string) => formatChinaTime(v) },
          {
            title: '签到时间',
            dataIndex: 'checkedInAt',
            width: 150,
            render: (v: string | null) => (v ? formatChinaTime(v) : '—'),
          },
        ]}
      />
    </Space>
  );
}

/**
 * 上门地址 of one booking: masked, and in full with the phone on 显示 (the read is audited and shows in the
 * citizen's 我的访问记录), as the console's other personal values.
 */
function VisitCell({ slotId, booking }: { slotId: string; booking: ConsoleBooking }) {
  if (!booking.visitAddressMasked) return <>—</>;
  const url = `/api/v1/console/slots/${encodeURIComponent(slotId)}/bookings/${encodeURIComponent(booking.appointmentNumber)}/visit`;
  return (
    <MaskedValue
      masked={booking.visitAddressMasked}
      label={`预约号${booking.appointmentNumber}的上门地址和联系电话`}
      testId={`visit-${booking.appointmentNumber}`}
      reveal={async () => {
        const visit = await api<ConsoleHomeVisit>('GET', url);
        return `${visit.address}\n联系电话 ${visit.phone}`;
      }}
    />
  );
}
