import { type ConsoleSlot, CreateSlotsInput } from '@yss/contracts';
import {
  App,
  Button,
  Checkbox,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Space,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { api } from '../api';
import { ProblemAlert, useSubmission } from '../ValidatedModal';
import {
  addDays,
  chinaToday,
  expandDates,
  formatDay,
  fromDate,
  fromTime,
  toDate,
  toTime,
  WEEKDAY_OPTIONS,
  WORKDAYS,
} from './dates';

export interface PublishTarget {
  serviceId: string;
  serviceName: string;
  cityCode: string;
  cityName: string;
  /** How far ahead slots may be published (APPOINTMENT_SERVICES). */
  bookingWindowDays: number;
}

interface TimeRow {
  key: number;
  start: string | null;
  end: string | null;
}

type RowErrors = { start?: string; end?: string };
interface Errors {
  place?: string;
  address?: string;
  dates?: string;
  times?: string;
  capacity?: string;
  rows?: Record<number, RowErrors>;
}

/** Hourly windows from `from` to `to` o'clock: 上午 09:00–12:00, 下午 14:00–17:00. */
const hourly = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => ({
    start: `${String(from + i).padStart(2, '0')}:00`,
    end: `${String(from + i + 1).padStart(2, '0')}:00`,
  }));
const MORNING = hourly(9, 12);
const AFTERNOON = hourly(14, 17);

interface Props {
  target: PublishTarget;
  onClose(): void;
  /** The slots the server created (all or nothing). */
  onPublished(slots: ConsoleSlot[]): void;
}

/**
 * 发布号源: one place and address, a date range narrowed to weekdays (工作日 by default; single dates can be
 * taken out, e.g. 法定节假日), the same time windows on each date, a capacity per window. Checked with
 * CreateSlotsInput (its Chinese messages by the fields) before sending; the server's SLOT_OVERLAP / SLOT_INVALID
 * detail is shown at the top. Mounted anew for each opening.
 */
export function SlotPublishDrawer({ target, onClose, onPublished }: Props) {
  const { message } = App.useApp();
  const today = chinaToday();
  const lastDay = addDays(today, target.bookingWindowDays);
  const [place, setPlace] = useState('');
  const [address, setAddress] = useState('');
  const [range, setRange] = useState<[string, string] | null>(null);
  const [weekdays, setWeekdays] = useState<number[]>(WORKDAYS);
  const [excluded, setExcluded] = useState<string[]>([]);
  const nextKey = useRef(1);
  const [rows, setRows] = useState<TimeRow[]>([{ key: 0, start: null, end: null }]);
  const [capacity, setCapacity] = useState<number | null>(null);
  const [openOnHoliday, setOpenOnHoliday] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const { saving, problem, setProblem, send } = useSubmission();

  const dates = useMemo(
    () => (range ? expandDates(range[0], range[1], weekdays).filter((d) => !excluded.includes(d)) : []),
    [range, weekdays, excluded],
  );
  const filledRows = rows.filter((r) => r.start && r.end).length;

  const setRow = (key: number, change: Partial<TimeRow>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const addRow = () => setRows((rs) => [...rs, { key: nextKey.current++, start: null, end: null }]);
  const removeRow = (key: number) => setRows((rs) => rs.filter((r) => r.key !== key));
  /** Adds hourly windows, skipping those already there; empty rows give way. */
  const fill = (windows: { start: string; end: string }[]) =>
    setRows((rs) => {
      const kept = rs.filter((r) => r.start || r.end);
      const fresh = windows
        .filter((w) => !kept.some((r) => r.start === w.start && r.end === w.end))
        .map((w) => ({ key: nextKey.current++, ...w }));
      return [...kept, ...fresh].sort((a, b) => (a.start ?? '99').localeCompare(b.start ?? '99'));
    });

  const validate = (): CreateSlotsInput | null => {
    const input = {
      serviceId: target.serviceId,
      cityCode: target.cityCode,
      place,
      address,
      dates,
      times: rows.map((r) => ({ start: r.start ?? '', end: r.end ?? '' })),
      capacity: capacity ?? undefined,
      // 节假日照常开放: only when ticked (the server refuses a holiday of the 工作日历 otherwise: SLOT_ON_HOLIDAY)
      ...(openOnHoliday ? { openOnHoliday: true } : {}),
    };
    const next: Errors = {};
    const rowErrors: Record<number, RowErrors> = {};
    const rowError = (i: number, field: 'start' | 'end', text: string) => {
      const key = rows[i]?.key;
      if (key === undefined) return;
      rowErrors[key] ??= {};
      rowErrors[key][field] ??= text;
    };
    if (!range) next.dates = '请选择日期范围';
    else if (dates.length === 0) next.dates = '所选范围内没有符合所选星期的日期';
    rows.forEach((r, i) => {
      if (!r.start) rowError(i, 'start', '请选择开始时间');
      if (!r.end) rowError(i, 'end', '请选择结束时间');
    });
    const checked = CreateSlotsInput.safeParse(input);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const [field, index, part] = issue.path;
        if (field === 'times' && typeof index === 'number')
          rowError(index, part === 'start' ? 'start' : 'end', issue.message);
        else if (
          field === 'place' ||
          field === 'address' ||
          field === 'dates' ||
          field === 'times' ||
          field === 'capacity'
        )
          next[field] ??= issue.message;
        else setProblem(issue.message);
      }
    }
    // windows of one day must not overlap each other (the server also refuses overlaps with published ones)
    if (Object.keys(rowErrors).length === 0) {
      const sorted = rows.map((r, i) => ({ ...r, i })).sort((a, b) => (a.start ?? '').localeCompare(b.start ?? ''));
      for (let k = 1; k < sorted.length; k++) {
        const prev = sorted[k - 1];
        const cur = sorted[k];
        if (prev && cur && (cur.start ?? '') < (prev.end ?? '')) {
          rowError(cur.i, 'start', `与 ${prev.start}–${prev.end} 重叠`);
        }
      }
    }
    if (Object.keys(rowErrors).length > 0) next.rows = rowErrors;
    setErrors(next);
    if (!checked.success || Object.keys(next).length > 0) return null;
    return checked.data;
  };

  const submit = async () => {
    setProblem(null);
    const body = validate();
    if (!body) return;
    await send(async () => {
      const created = await api<ConsoleSlot[]>('POST', '/api/v1/console/slots', body);
      message.success(`已发布 ${created.length} 个号源`);
      onPublished(created);
    });
  };

  const fieldStatus = (text: string | undefined) => (text ? ('error' as const) : undefined);

  return (
    <Drawer
      open
      title={`发布号源：${target.serviceName}（${target.cityName}）`}
      width={720}
      onClose={onClose}
      maskClosable={!saving}
      closable={{ 'aria-label': '关闭发布号源' }}
      data-testid="slot-publish"
      footer={
        <Space style={{ display: 'flex', justifyContent: 'space-between' }}>
          <Typography.Text data-testid="slot-publish-summary">
            {dates.length > 0 && filledRows > 0
              ? `将发布 ${dates.length} 天 × ${filledRows} 个时段，共 ${dates.length * filledRows} 个号源`
              : '请选择日期并添加时段'}
          </Typography.Text>
          <Space>
            <Button onClick={onClose} disabled={saving}>
              取消
            </Button>
            <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="slot-publish-submit">
              发布号源
            </Button>
          </Space>
        </Space>
      }
    >
      <ProblemAlert problem={problem} testId="slot-publish-error" />
      <Form layout="vertical" component="div">
        <Form.Item
          label="办理地点"
          htmlFor="slot-place"
          required
          validateStatus={fieldStatus(errors.place)}
          help={errors.place}
        >
          <Input
            id="slot-place"
            value={place}
            maxLength={60}
            placeholder={`如：${target.cityName}市某某区政务服务中心`}
            aria-invalid={errors.place ? true : undefined}
            onChange={(e) => setPlace(e.target.value)}
          />
        </Form.Item>
        <Form.Item
          label="地址"
          htmlFor="slot-address"
          required
          validateStatus={fieldStatus(errors.address)}
          help={errors.address}
        >
          <Input
            id="slot-address"
            value={address}
            maxLength={120}
            placeholder="详细地址，群众按此前往"
            aria-invalid={errors.address ? true : undefined}
            onChange={(e) => setAddress(e.target.value)}
          />
        </Form.Item>
        <Form.Item
          label="日期范围"
          htmlFor="slot-date-from"
          required
          validateStatus={fieldStatus(errors.dates)}
          help={errors.dates}
          extra={`可发布今天起 ${target.bookingWindowDays} 天内的号源，一次最多31天。`}
        >
          <DatePicker.RangePicker
            id={{ start: 'slot-date-from', end: 'slot-date-to' }}
            data-testid="slot-date-range"
            placeholder={['开始日期', '结束日期']}
            value={range ? [fromDate(range[0]), fromDate(range[1])] : null}
            disabledDate={(d: Dayjs) => toDate(d) < today || toDate(d) > lastDay}
            onChange={(v) => {
              const [from, to] = v ?? [];
              setRange(from && to ? [toDate(from), toDate(to)] : null);
              setExcluded([]);
            }}
          />
        </Form.Item>
        <fieldset className="slot-fieldset">
          <legend className="slot-legend">每周哪几天</legend>
          <Space wrap>
            <Checkbox.Group
              options={WEEKDAY_OPTIONS}
              value={weekdays}
              onChange={(v) => setWeekdays(v as number[])}
              data-testid="slot-weekdays"
            />
            <Button size="small" onClick={() => setWeekdays(WORKDAYS)}>
              仅工作日
            </Button>
            <Button size="small" onClick={() => setWeekdays(WEEKDAY_OPTIONS.map((o) => o.value))}>
              每天
            </Button>
          </Space>
        </fieldset>
        {dates.length > 0 && (
          <section aria-label="将发布的日期" className="slot-dates" data-testid="slot-dates">
            <Typography.Text type="secondary">
              将发布以下 {dates.length} 天（节假日按工作日历不能发布；其他不办理的日期，请点 × 去掉）：
            </Typography.Text>
            <div>
              {dates.map((d) => (
                <Tag key={d} style={{ marginTop: 8 }} data-testid="slot-date">
                  {formatDay(d)}
                  <button
                    type="button"
                    className="slot-date-remove"
                    aria-label={`去掉${formatDay(d)}`}
                    onClick={() => setExcluded((x) => [...x, d])}
                  >
                    ×
                  </button>
                </Tag>
              ))}
            </div>
          </section>
        )}
        <fieldset className="slot-fieldset">
          <legend className="slot-legend">
            <span aria-hidden="true" className="slot-required">
              *
            </span>
            每天的时段
          </legend>
          <Space wrap style={{ marginBottom: 8 }}>
            <Button size="small" onClick={() => fill(MORNING)}>
              上午每小时（09:00–12:00）
            </Button>
            <Button size="small" onClick={() => fill(AFTERNOON)}>
              下午每小时（14:00–17:00）
            </Button>
          </Space>
          {errors.times && (
            <div className="slot-field-error" role="alert">
              {errors.times}
            </div>
          )}
          <ol className="slot-times" data-testid="slot-times">
            {rows.map((r, i) => {
              const e = errors.rows?.[r.key] ?? {};
              return (
                <li key={r.key} className="slot-time-row" data-testid="slot-time-row">
                  <Space align="start" wrap>
                    <Form.Item
                      label={`时段${i + 1} 开始时间`}
                      htmlFor={`slot-time-${r.key}-start`}
                      validateStatus={fieldStatus(e.start)}
                      help={e.start}
                      style={{ marginBottom: 8 }}
                    >
                      <TimePicker
                        id={`slot-time-${r.key}-start`}
                        format="HH:mm"
                        minuteStep={5}
                        needConfirm={false}
                        placeholder="开始时间"
                        value={r.start ? fromTime(r.start) : null}
                        onChange={(v) => setRow(r.key, { start: v ? toTime(v) : null })}
                      />
                    </Form.Item>
                    <Form.Item
                      label={`时段${i + 1} 结束时间`}
                      htmlFor={`slot-time-${r.key}-end`}
                      validateStatus={fieldStatus(e.end)}
                      help={e.end}
                      style={{ marginBottom: 8 }}
                    >
                      <TimePicker
                        id={`slot-time-${r.key}-end`}
                        format="HH:mm"
                        minuteStep={5}
                        needConfirm={false}
                        placeholder="结束时间"
                        value={r.end ? fromTime(r.end) : null}
                        onChange={(v) => setRow(r.key, { end: v ? toTime(v) : null })}
                      />
                    </Form.Item>
                    <Button
                      className="slot-time-remove"
                      onClick={() => removeRow(r.key)}
                      disabled={rows.length === 1}
                      aria-label={`删除时段${i + 1}`}
                    >
                      删除
                    </Button>
                  </Space>
                </li>
              );
            })}
          </ol>
          <Button type="dashed" onClick={addRow} disabled={rows.length >= 24}>
            添加时段
          </Button>
        </fieldset>
        <Form.Item
          label="每个时段可预约人数"
          htmlFor="slot-capacity-new"
          required
          validateStatus={fieldStatus(errors.capacity)}
          help={errors.capacity}
          style={{ marginTop: 16 }}
        >
          <InputNumber
            id="slot-capacity-new"
            min={1}
            max={500}
            precision={0}
            suffix="人"
            value={capacity}
            aria-invalid={errors.capacity ? true : undefined}
            onChange={(v) => setCapacity(v)}
          />
        </Form.Item>
        <Form.Item extra="工作日历中的节假日默认不能发布号源；窗口在节假日照常开放时才勾选。">
          <Checkbox
            data-testid="slot-open-on-holiday"
            checked={openOnHoliday}
            onChange={(e) => setOpenOnHoliday(e.target.checked)}
          >
            节假日照常开放
          </Checkbox>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
