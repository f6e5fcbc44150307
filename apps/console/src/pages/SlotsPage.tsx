import {
  APPOINTMENT_SERVICES,
  type CatalogEntry,
  type ConsoleSlot,
  findAppointmentService,
  type StaffGrant,
} from '@yss/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Progress,
  Result,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { type HTMLAttributes, useCallback, useMemo, useState } from 'react';
import { api } from '../api';
import { FilterSelect } from '../FilterSelect';
import { citiesOf } from '../grants';
import { RequireGrant } from '../RequireGrant';
import { CheckInBox } from '../slots/CheckInBox';
import { addDays, chinaToday, formatDay, fromDate, toDate } from '../slots/dates';
import { SlotBookingsDrawer } from '../slots/SlotBookingsDrawer';
import { SlotCancelModal, SlotCapacityModal } from '../slots/SlotModals';
import { type PublishTarget, SlotPublishDrawer } from '../slots/SlotPublishDrawer';
import { useConsoleQuery } from '../useConsoleQuery';

/** Solid tags with white text, dark enough for WCAG AA. */
const TAG = { open: '#007a4d', full: '#a35200', started: '#5f6b7a', cancelled: '#c4161c' } as const;

/** The longest range the list asks for at once. */
const MAX_RANGE_DAYS = 62;

/**
 * 号源管理: the slots of one appointment service in one city, by date, for the departments and cities the staff
 * member's 号源管理员 grants cover (slot.manage; the server checks the same scope): 已约/容量 of each, 修改人数,
 * 停用 (with a reason the bookers are told), 查看预约, and 发布号源; 现场签到 at the counter above them.
 */
export function SlotsPage() {
  return (
    <RequireGrant
      permission="slot.manage"
      title="您没有管理号源的权限"
      subTitle="如需发布或管理预约号源，请联系本部门管理员开通“号源管理员”角色。"
      testId="slots-forbidden"
    >
      {(grants) => <SlotBoard grants={grants} />}
    </RequireGrant>
  );
}

interface ServiceOption {
  value: string;
  label: string;
  departmentId: string;
}

/**
 * The appointment services (APPOINTMENT_SERVICES) named as the catalog names them, those of the departments
 * these grants cover. The catalog's names and departments do not depend on the city asked about.
 */
function useServiceOptions(grants: StaffGrant[]) {
  const city = citiesOf(grants)[0]?.value ?? '440100';
  const load = useCallback(
    (signal: AbortSignal) =>
      api<CatalogEntry[]>('GET', `/api/v1/catalog?city=${encodeURIComponent(city)}`, undefined, signal),
    [city],
  );
  const { data: entries, problem: error, reload } = useConsoleQuery<CatalogEntry[] | null>(load, null);
  const options = useMemo<ServiceOption[] | null>(() => {
    if (!entries) return null;
    const departments = new Set(grants.map((g) => g.departmentId));
    return Object.keys(APPOINTMENT_SERVICES).flatMap((id) => {
      const entry = entries.find((e) => e.id === id);
      return entry && departments.has(entry.departmentId)
        ? [{ value: id, label: entry.name, departmentId: entry.departmentId }]
        : [];
    });
  }, [entries, grants]);
  return { options, error, retry: reload };
}

function SlotBoard({ grants }: { grants: StaffGrant[] }) {
  const services = useServiceOptions(grants);
  if (services.error) {
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        message={services.error}
        action={<Button onClick={() => void services.retry()}>重试</Button>}
        data-testid="slots-error"
      />
    );
  }
  if (!services.options) {
    return (
      <div className="case-loading">
        <Spin tip="加载中…">
          <div className="spin-box" />
        </Spin>
      </div>
    );
  }
  if (services.options.length === 0) {
    return (
      <Result
        status="info"
        title="您所在部门暂无可网上预约的事项"
        subTitle="号源只能为开通网上预约的事项发布。"
        data-testid="slots-no-service"
      />
    );
  }
  return <SlotCalendar grants={grants} services={services.options} />;
}

const NO_SLOTS: ConsoleSlot[] = [];

type Dialog = { kind: 'capacity' | 'cancel'; slot: ConsoleSlot } | null;

function SlotCalendar({ grants, services }: { grants: StaffGrant[]; services: ServiceOption[] }) {
  const { message } = App.useApp();
  const [serviceId, setServiceId] = useState<string>(services[0]?.value ?? '');
  const service = services.find((s) => s.value === serviceId) ?? services[0];
  // the cities of the grants for this service's department
  const cities = useMemo(
    () => citiesOf(grants.filter((g) => g.departmentId === service?.departmentId)),
    [grants, service?.departmentId],
  );
  const [chosenCity, setCityCode] = useState<string | undefined>(cities[0]?.value);
  const cityCode = cities.some((c) => c.value === chosenCity) ? chosenCity : cities[0]?.value;
  const city = cities.find((c) => c.value === cityCode);
  const [range, setRange] = useState<[string, string]>(() => {
    const today = chinaToday();
    return [today, addDays(today, 13)];
  });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [bookingsOf, setBookingsOf] = useState<ConsoleSlot | null>(null);
  const [publishing, setPublishing] = useState(0);

  const currentServiceId = service?.value;
  const load = useMemo(() => {
    if (!currentServiceId || !cityCode) return null;
    const query = new URLSearchParams({ serviceId: currentServiceId, cityCode, from: range[0], to: range[1] });
    return (signal: AbortSignal) => api<ConsoleSlot[]>('GET', `/api/v1/console/slots?${query}`, undefined, signal);
  }, [currentServiceId, cityCode, range]);
  const { data: slots, setData: setSlots, loading, problem: error, reload } = useConsoleQuery(load, NO_SLOTS);

  const days = useMemo(() => {
    const byDate = new Map<string, ConsoleSlot[]>();
    for (const s of [...slots].sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start))) {
      byDate.set(s.date, [...(byDate.get(s.date) ?? []), s]);
    }
    return [...byDate.entries()];
  }, [slots]);
  const emptyDays = useMemo(() => {
    const out: string[] = [];
    for (let d = range[0]; d <= range[1]; d = addDays(d, 1)) if (!days.some(([date]) => date === d)) out.push(d);
    return out;
  }, [days, range]);

  const replace = (updated: ConsoleSlot) => setSlots((list) => list.map((s) => (s.id === updated.id ? updated : s)));
  const spec = service ? findAppointmentService(service.value) : undefined;
  const target: PublishTarget | null =
    service && city
      ? {
          serviceId: service.value,
          serviceName: service.label,
          cityCode: city.value,
          cityName: city.label,
          bookingWindowDays: spec?.bookingWindowDays ?? 14,
        }
      : null;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ display: 'flex', justifyContent: 'space-between' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          号源管理
        </Typography.Title>
        <Button type="primary" onClick={() => setPublishing((n) => n + 1)} data-testid="slots-publish">
          发布号源
        </Button>
      </Space>
      <CheckInBox />
      <Card>
        <Space wrap>
          <FilterSelect
            testId="slots-filter-service"
            label="事项"
            width={240}
            options={services.map(({ value, label }) => ({ value, label }))}
            value={service?.value}
            onChange={(v) => setServiceId(v)}
          />
          <FilterSelect
            testId="slots-filter-city"
            label="城市"
            width={140}
            options={cities}
            value={cityCode}
            onChange={(v) => setCityCode(v)}
          />
          <span id="slots-filter-range-label">日期</span>
          <DatePicker.RangePicker
            aria-labelledby="slots-filter-range-label"
            data-testid="slots-filter-range"
            allowClear={false}
            value={[fromDate(range[0]), fromDate(range[1])]}
            disabledDate={(d: Dayjs, info) => {
              const from = info?.from;
              return from ? Math.abs(d.diff(from, 'day')) >= MAX_RANGE_DAYS : false;
            }}
            onChange={(v) => {
              const [from, to] = v ?? [];
              if (from && to) setRange([toDate(from), toDate(to)]);
            }}
          />
          <Button onClick={() => void reload()} loading={loading} data-testid="slots-refresh">
            刷新
          </Button>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon message={error} role="alert" data-testid="slots-error" />}
      <Spin spinning={loading} tip="加载中…">
        <div data-testid="slots-days" aria-busy={loading}>
          {!loading && !error && days.length === 0 && (
            <Card>
              <Empty description="所选日期内暂无号源，可点“发布号源”发布。" />
            </Card>
          )}
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            {days.map(([date, list]) => (
              <DayCard
                key={date}
                date={date}
                slots={list}
                onCapacity={(slot) => setDialog({ kind: 'capacity', slot })}
                onCancel={(slot) => setDialog({ kind: 'cancel', slot })}
                onBookings={setBookingsOf}
              />
            ))}
            {days.length > 0 && emptyDays.length > 0 && (
              <Typography.Text type="secondary" data-testid="slots-empty-days">
                未发布号源的日期：{emptyDays.map(formatDay).join('、')}
              </Typography.Text>
            )}
          </Space>
        </div>
      </Spin>
      {dialog?.kind === 'capacity' && (
        <SlotCapacityModal
          key={dialog.slot.id}
          slot={dialog.slot}
          onClose={() => setDialog(null)}
          onDone={(updated) => {
            replace(updated);
            setDialog(null);
            message.success(`已将可预约人数改为 ${updated.capacity} 人`);
          }}
        />
      )}
      {dialog?.kind === 'cancel' && (
        <SlotCancelModal
          key={dialog.slot.id}
          slot={dialog.slot}
          onClose={() => setDialog(null)}
          onDone={(updated) => {
            replace(updated);
            setDialog(null);
            message.success(
              dialog.slot.booked > 0 ? `已停用该时段，并通知 ${dialog.slot.booked} 位预约群众` : '已停用该时段',
            );
          }}
        />
      )}
      <SlotBookingsDrawer slot={bookingsOf} onClose={() => setBookingsOf(null)} />
      {publishing > 0 && target && (
        <SlotPublishDrawer
          key={publishing}
          target={target}
          onClose={() => setPublishing(0)}
          onPublished={() => {
            setPublishing(0);
            void reload();
          }}
        />
      )}
    </Space>
  );
}

function slotState(slot: ConsoleSlot): { label: string; color: string } {
  if (slot.cancelled) return { label: '已停用', color: TAG.cancelled };
  if (Date.parse(slot.startsAt) <= Date.now()) return { label: '已开始', color: TAG.started };
  if (slot.remaining <= 0) return { label: '已约满', color: TAG.full };
  return { label: '可预约', color: TAG.open };
}

interface DayProps {
  date: string;
  slots: ConsoleSlot[];
  onCapacity(slot: ConsoleSlot): void;
  onCancel(slot: ConsoleSlot): void;
  onBookings(slot: ConsoleSlot): void;
}

/** One date: its slots by start time with 已约/容量, state and actions. */
function DayCard({ date, slots, onCapacity, onCancel, onBookings }: DayProps) {
  const active = slots.filter((s) => !s.cancelled);
  const booked = active.reduce((n, s) => n + s.booked, 0);
  const capacity = active.reduce((n, s) => n + s.capacity, 0);
  const titleId = `slots-day-${date}`;
  return (
    <section aria-labelledby={titleId} data-testid="slots-day" data-date={date}>
      <Card
        size="small"
        title={
          <h3 id={titleId} className="slot-day-title">
            {formatDay(date)}
            <span className="slot-day-date">{date}</span>
          </h3>
        }
        extra={
          <span data-testid="slots-day-total">
            {active.length} 个时段，已约 {booked}/{capacity}
          </span>
        }
      >
        <Table<ConsoleSlot>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={slots}
          onRow={(s) => ({ 'data-testid': 'slot-row', 'data-slot-id': s.id }) as HTMLAttributes<HTMLElement>}
          rowClassName={(s) => (s.cancelled ? 'slot-row slot-row-cancelled' : 'slot-row')}
          columns={[
            {
              title: '时段',
              key: 'time',
              width: 120,
              render: (_: unknown, s) => <span data-testid="slot-time">{`${s.start}–${s.end}`}</span>,
            },
            {
              title: '办理地点',
              key: 'place',
              render: (_: unknown, s) => (
                <>
                  <div>{s.place}</div>
                  <Typography.Text type="secondary">{s.address}</Typography.Text>
                </>
              ),
            },
            {
              title: '已约/容量',
              key: 'booked',
              width: 180,
              render: (_: unknown, s) => (
                <Space direction="vertical" size={0} style={{ width: '100%' }}>
                  <span data-testid="slot-booked">
                    {s.booked}/{s.capacity}
                  </span>
                  <Progress
                    percent={s.capacity > 0 ? Math.round((s.booked / s.capacity) * 100) : 0}
                    showInfo={false}
                    size="small"
                    status={s.cancelled ? 'exception' : 'normal'}
                    aria-label={`已约 ${s.booked} 人，共 ${s.capacity} 个名额，剩余 ${s.remaining} 个`}
                  />
                </Space>
              ),
            },
            {
              title: '状态',
              key: 'state',
              width: 90,
              render: (_: unknown, s) => {
                const state = slotState(s);
                return (
                  <Tag color={state.color} data-testid="slot-state">
                    {state.label}
                  </Tag>
                );
              },
            },
            {
              title: '操作',
              key: 'actions',
              width: 250,
              render: (_: unknown, s) => {
                const closed = s.cancelled || Date.parse(s.startsAt) <= Date.now();
                const what = `${formatDay(s.date)} ${s.start}–${s.end}`;
                return (
                  <Space size={4} wrap>
                    <Button
                      size="small"
                      disabled={closed}
                      onClick={() => onCapacity(s)}
                      aria-label={`修改人数（${what}）`}
                      data-testid="slot-action-capacity"
                    >
                      修改人数
                    </Button>
                    <Button
                      size="small"
                      danger
                      disabled={closed}
                      onClick={() => onCancel(s)}
                      aria-label={`停用（${what}）`}
                      data-testid="slot-action-cancel"
                    >
                      停用
                    </Button>
                    <Button
                      size="small"
                      onClick={() => onBookings(s)}
                      aria-label={`查看预约（${what}）`}
                      data-testid="slot-action-bookings"
                    >
                      查看预约
                    </Button>
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>
    </section>
  );
}
