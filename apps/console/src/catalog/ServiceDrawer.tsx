import {
  CATALOG_CHANGE_LABELS,
  type CatalogChange,
  type CatalogOverride,
  type ConsoleCatalogDetail,
  PauseServiceInput,
  UpdateServiceTextsInput,
} from '@yss/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, errorText } from '../api';
import { chinaDateTime } from '../china-time';
import { STANDING_COLORS, standingOf } from './standing';

interface Props {
  serviceId: string;
  serviceName: string;
  cityCode: string;
  onClose(): void;
  /** After a change: the list reloads. */
  onChanged(): void;
}

type Scope = 'city' | 'province';
type Dialog = { kind: 'pause'; scope: Scope } | { kind: 'resume'; scope: Scope } | null;

const when = (iso: string) => chinaDateTime(iso, { seconds: true });

/**
 * One service in one city: how citizens see it, 暂停办理 / 恢复办理 (the city's, or 全省 with a province-wide grant),
 * the 办理须知 and description with a preview, and the history of changes. Each change sends the version this
 * drawer read; when someone else changed it first the server says so, and the drawer reloads.
 */
export function ServiceDrawer({ serviceId, serviceName, cityCode, onClose, onChanged }: Props) {
  const { message } = App.useApp();
  const [detail, setDetail] = useState<ConsoleCatalogDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [editing, setEditing] = useState<Scope | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setDetail(
        await api<ConsoleCatalogDetail>(
          'GET',
          `/api/v1/console/catalog/services/${encodeURIComponent(serviceId)}?city=${encodeURIComponent(cityCode)}`,
        ),
      );
    } catch (err) {
      setError(errorText(err));
    }
  }, [serviceId, cityCode]);
  useEffect(() => {
    void load();
  }, [load]);

  const changed = (text: string) => {
    message.success(text);
    setDialog(null);
    setEditing(null);
    onChanged();
    void load();
  };
  const override = (scope: Scope) => (scope === 'city' ? detail?.city : detail?.province);

  return (
    <Drawer open width={640} title={`管理事项：${serviceName}`} onClose={onClose} closable={{ 'aria-label': '关闭' }}>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={error}
          action={<Button onClick={() => void load()}>重试</Button>}
          data-testid="service-error"
        />
      )}
      {!detail && !error && (
        <Spin tip="加载中…">
          <div className="spin-box" />
        </Spin>
      )}
      {detail && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Standing detail={detail} onAction={setDialog} />
          <Texts
            detail={detail}
            editing={editing}
            onEdit={setEditing}
            onSaved={() => changed('办理须知已保存，群众端已更新')}
          />
          <History history={detail.history} />
        </Space>
      )}
      {detail && dialog?.kind === 'pause' && (
        <PauseModal
          serviceId={serviceId}
          serviceName={serviceName}
          scopeName={dialog.scope === 'city' ? detail.cityName : '全省'}
          cityCode={dialog.scope === 'city' ? detail.cityCode : null}
          version={override(dialog.scope)?.version ?? 0}
          onClose={() => setDialog(null)}
          onDone={() => changed('已暂停办理，群众端已显示暂停原因')}
          onStale={() => void load()}
        />
      )}
      {detail && dialog?.kind === 'resume' && (
        <ResumeModal
          serviceId={serviceId}
          serviceName={serviceName}
          scopeName={dialog.scope === 'city' ? detail.cityName : '全省'}
          override={override(dialog.scope) as CatalogOverride}
          onClose={() => setDialog(null)}
          onDone={() => changed('已恢复办理')}
          onStale={() => void load()}
        />
      )}
    </Drawer>
  );
}

function Standing({ detail, onAction }: { detail: ConsoleCatalogDetail; onAction(d: Dialog): void }) {
  const s = standingOf(detail.item);
  return (
    <Card title={`${detail.cityName}的办理状态`} size="small">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space>
          <Tag color={STANDING_COLORS[s.kind]} data-testid="service-standing">
            {s.label}
          </Tag>
          {detail.item.unavailableReason && (
            <Typography.Text data-testid="service-citizen-reason">
              群众看到：{detail.item.unavailableReason}
            </Typography.Text>
          )}
        </Space>
        {detail.province.paused && (
          <Typography.Text type="secondary">
            全省暂停办理（{detail.province.updatedBy}，
            {detail.province.updatedAt ? when(detail.province.updatedAt) : ''}）
          </Typography.Text>
        )}
        <Space wrap>
          {detail.city.paused ? (
            <Button
              type="primary"
              onClick={() => onAction({ kind: 'resume', scope: 'city' })}
              data-testid="service-resume"
            >
              恢复办理
            </Button>
          ) : (
            detail.item.offeredByDefinition && (
              <Button danger onClick={() => onAction({ kind: 'pause', scope: 'city' })} data-testid="service-pause">
                暂停办理
              </Button>
            )
          )}
          {detail.canEditProvince &&
            (detail.province.paused ? (
              <Button
                onClick={() => onAction({ kind: 'resume', scope: 'province' })}
                data-testid="service-resume-province"
              >
                恢复全省办理
              </Button>
            ) : (
              <Button
                danger
                onClick={() => onAction({ kind: 'pause', scope: 'province' })}
                data-testid="service-pause-province"
              >
                全省暂停办理
              </Button>
            ))}
        </Space>
        {!detail.item.offeredByDefinition && (
          <Typography.Text type="secondary">该事项按服务目录在本市本就不提供，无需暂停。</Typography.Text>
        )}
      </Space>
    </Card>
  );
}

function PauseModal(props: {
  serviceId: string;
  serviceName: string;
  scopeName: string;
  cityCode: string | null;
  version: number;
  onClose(): void;
  onDone(): void;
  onStale(): void;
}) {
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const checked = PauseServiceInput.safeParse({ cityCode: props.cityCode, reason, version: props.version });
    if (!checked.success) {
      setFieldError(checked.error.issues[0]?.message ?? '请填写暂停原因');
      return;
    }
    setFieldError(null);
    setProblem(null);
    setSaving(true);
    try {
      await api('POST', `/api/v1/console/catalog/services/${encodeURIComponent(props.serviceId)}/pause`, checked.data);
      props.onDone();
    } catch (err) {
      setProblem(errorText(err));
      props.onStale();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={`暂停办理：${props.serviceName}（${props.scopeName}）`}
      okText="确认暂停"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: saving, 'data-testid': 'pause-confirm' }}
      onOk={() => void submit()}
      onCancel={props.onClose}
      closable={{ 'aria-label': '关闭' }}
    >
      <Typography.Paragraph>
        暂停后，{props.scopeName}的群众将看到该事项暂停办理及以下原因，查询和办理入口随即关闭，直到恢复办理。
      </Typography.Paragraph>
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={problem}
          style={{ marginBottom: 16 }}
          data-testid="pause-error"
        />
      )}
      <Form layout="vertical" component="div">
        <Form.Item
          label="暂停原因（群众可见）"
          htmlFor="pause-reason"
          required
          validateStatus={fieldError ? 'error' : undefined}
          help={fieldError}
        >
          <Input.TextArea
            id="pause-reason"
            data-testid="pause-reason"
            rows={2}
            maxLength={60}
            showCount
            placeholder="例如：系统升级维护，预计3月5日恢复"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Form.Item>
      </Form>
      {reason.trim() && (
        <Typography.Text type="secondary" data-testid="pause-preview">
          群众将看到：{props.serviceName}暂停办理：{reason.trim()}
        </Typography.Text>
      )}
    </Modal>
  );
}

function ResumeModal(props: {
  serviceId: string;
  serviceName: string;
  scopeName: string;
  override: CatalogOverride;
  onClose(): void;
  onDone(): void;
  onStale(): void;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    setProblem(null);
    setSaving(true);
    try {
      await api('POST', `/api/v1/console/catalog/services/${encodeURIComponent(props.serviceId)}/resume`, {
        cityCode: props.override.cityCode,
        version: props.override.version,
      });
      props.onDone();
    } catch (err) {
      setProblem(errorText(err));
      props.onStale();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={`恢复办理：${props.serviceName}（${props.scopeName}）`}
      okText="确认恢复"
      cancelText="取消"
      okButtonProps={{ loading: saving, 'data-testid': 'resume-confirm' }}
      onOk={() => void submit()}
      onCancel={props.onClose}
      closable={{ 'aria-label': '关闭' }}
    >
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={problem}
          style={{ marginBottom: 16 }}
          data-testid="resume-error"
        />
      )}
      <Typography.Paragraph>
        当前暂停原因：{props.override.pauseReason}。恢复后，{props.scopeName}的群众可以立即查询和办理该事项。
      </Typography.Paragraph>
    </Modal>
  );
}

/** 办理须知 and the description: what citizens read now, and the editor with a preview. */
function Texts(props: {
  detail: ConsoleCatalogDetail;
  editing: Scope | null;
  onEdit(scope: Scope | null): void;
  onSaved(): void;
}) {
  const { detail } = props;
  return (
    <Card
      title="事项说明与办理须知"
      size="small"
      extra={
        props.editing === null && (
          <Space>
            <Button onClick={() => props.onEdit('city')} data-testid="texts-edit">
              修改{detail.cityName}的须知
            </Button>
            {detail.canEditProvince && (
              <Button onClick={() => props.onEdit('province')} data-testid="texts-edit-province">
                修改全省须知
              </Button>
            )}
          </Space>
        )
      }
    >
      {props.editing ? (
        <TextsEditor
          detail={detail}
          scope={props.editing}
          onCancel={() => props.onEdit(null)}
          onSaved={props.onSaved}
        />
      ) : (
        <ServicePreview
          description={detail.effective.description}
          notes={detail.effective.notes}
          testId="texts-current"
        />
      )}
    </Card>
  );
}

function ServicePreview({ description, notes, testId }: { description: string; notes: string[]; testId: string }) {
  return (
    <div data-testid={testId}>
      <Typography.Paragraph>{description}</Typography.Paragraph>
      {notes.length > 0 ? (
        <List size="small" header="办理须知" dataSource={notes} renderItem={(n) => <List.Item>{n}</List.Item>} />
      ) : (
        <Typography.Text type="secondary">暂无办理须知</Typography.Text>
      )}
    </div>
  );
}

function TextsEditor(props: { detail: ConsoleCatalogDetail; scope: Scope; onCancel(): void; onSaved(): void }) {
  const { detail, scope } = props;
  const own = scope === 'city' ? detail.city : detail.province;
  // what the scope shows now: its own override, else what it inherits (全省 or the definitions)
  const inherited =
    scope === 'city'
      ? {
          description: detail.province.description ?? detail.definition.description,
          notes: detail.province.notes ?? detail.definition.notes,
        }
      : detail.definition;
  const [description, setDescription] = useState(own.description ?? inherited.description);
  const [notesText, setNotesText] = useState((own.notes ?? inherited.notes).join('\n'));
  const [mode, setMode] = useState<'edit' | 'preview'>('edit');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const notes = notesText
    .split('\n')
    .map((n) => n.trim())
    .filter(Boolean);

  const save = async (body: { description: string | null; notes: string[] | null }) => {
    const checked = UpdateServiceTextsInput.safeParse({
      cityCode: scope === 'city' ? detail.cityCode : null,
      ...body,
      version: own.version,
    });
    if (!checked.success) {
      setProblem(checked.error.issues[0]?.message ?? '内容有误');
      return;
    }
    setProblem(null);
    setSaving(true);
    try {
      await api('PUT', `/api/v1/console/catalog/services/${encodeURIComponent(detail.item.id)}/texts`, checked.data);
      props.onSaved();
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setSaving(false);
    }
  };
  // unchanged from what the scope inherits: kept as "not overridden" (null), so later changes upstream show through
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  const body = {
    description: description.trim() === inherited.description ? null : description.trim(),
    notes: same(notes, inherited.notes) ? null : notes,
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {scope === 'city'
          ? `仅修改${detail.cityName}群众看到的内容；英文版仍为服务目录的默认内容。`
          : '修改全省群众看到的内容（已单独修改的城市以城市内容为准）；英文版仍为服务目录的默认内容。'}
      </Typography.Text>
      {problem && <Alert type="error" showIcon role="alert" message={problem} data-testid="texts-error" />}
      <Radio.Group
        value={mode}
        onChange={(e) => setMode(e.target.value)}
        optionType="button"
        options={[
          { value: 'edit', label: '编辑' },
          { value: 'preview', label: '预览' },
        ]}
        aria-label="编辑或预览"
      />
      {mode === 'edit' ? (
        <Form layout="vertical" component="div">
          <Form.Item label="事项说明" htmlFor="texts-description">
            <Input.TextArea
              id="texts-description"
              data-testid="texts-description"
              rows={3}
              maxLength={500}
              showCount
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </Form.Item>
          <Form.Item label="办理须知（每行一条，最多10条）" htmlFor="texts-notes">
            <Input.TextArea
              id="texts-notes"
              data-testid="texts-notes"
              rows={5}
              value={notesText}
              onChange={(e) => setNotesText(e.target.value)}
            />
          </Form.Item>
        </Form>
      ) : (
        <Card size="small" title="群众端预览">
          <ServicePreview description={description.trim()} notes={notes} testId="texts-preview" />
        </Card>
      )}
      <Space>
        <Button type="primary" loading={saving} onClick={() => void save(body)} data-testid="texts-save">
          保存
        </Button>
        {(own.description !== null || own.notes !== null) && (
          <Button
            loading={saving}
            onClick={() => void save({ description: null, notes: null })}
            data-testid="texts-reset"
          >
            恢复默认内容
          </Button>
        )}
        <Button onClick={props.onCancel}>取消</Button>
      </Space>
    </Space>
  );
}

function History({ history }: { history: CatalogChange[] }) {
  return (
    <Card title="修改记录" size="small">
      {history.length === 0 ? (
        <Empty description="暂无修改记录" />
      ) : (
        <Timeline
          data-testid="service-history"
          items={history.map((h) => ({
            key: h.id,
            children: (
              <div data-testid="history-item">
                <Typography.Text strong>
                  {CATALOG_CHANGE_LABELS[h.action]}（{h.cityName}）
                </Typography.Text>
                <br />
                <Typography.Text type="secondary">
                  {when(h.at)} · {h.staffName}
                </Typography.Text>
                {h.reason && <div>原因：{h.reason}</div>}
                {h.action === 'texts' && h.notes === null && h.description === null && <div>恢复为默认内容</div>}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
