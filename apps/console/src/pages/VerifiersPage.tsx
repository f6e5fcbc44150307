import {
  type AddedVerifierMember,
  AddVerifierMemberInput,
  type ConsoleVerifierMember,
  type ConsoleVerifierOrganisation,
  type ConsoleVerifierOrganisationPage,
  CreateVerifierOrganisationInput,
  E_ID_HOTEL_MIN_STARS,
  type StaffGrant,
  starsInChinese,
  VERIFIER_KINDS,
  type VerifierKind,
} from '@yss/contracts';
import type { ButtonProps } from 'antd';
import {
  Alert,
  App,
  Button,
  Drawer,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { api, errorText } from '../api';
import { citiesOf } from '../grants';
import { RequireGrant } from '../RequireGrant';
import { useConsoleQuery } from '../useConsoleQuery';
import { ProblemAlert, useSubmission } from '../ValidatedModal';
import { TicketingStationModal } from './TicketingStationModal';

const ORGS = '/api/v1/console/verifier-organisations';
const KIND_OPTIONS = (Object.keys(VERIFIER_KINDS) as VerifierKind[]).map((k) => ({
  value: k,
  label: VERIFIER_KINDS[k].name,
}));
/** 未评定星级 is a choice of its own (null), not the absence of one. */
const UNRATED = 0;
const STAR_OPTIONS = [
  ...[5, 4, 3, 2, 1].map((n) => ({ value: n, label: `${starsInChinese(n)}星级` })),
  { value: UNRATED, label: '未评定星级' },
];
const starsLabel = (o: Pick<ConsoleVerifierOrganisation, 'kind' | 'starRating'>) =>
  o.kind !== 'hotel' ? '—' : o.starRating === null ? '未评定星级' : `${starsInChinese(o.starRating)}星级`;
/** Solid tags with white text: antd's light preset colours fall below 4.5:1 (WCAG 1.4.3). */
const STATE_COLOURS: Record<ConsoleVerifierMember['state'], string> = {
  'first-login': '#ad4e00',
  active: '#237804',
  locked: '#a8071a',
};
const E_ID_ACCEPTED_COLOUR = '#237804';

/**
 * 核验单位管理: the hotels, police stations, employers and coach stations of the cities of the staff member's grants
 * that verify citizens' e-certificates (verifier.manage, the 核验单位管理员 role). Register one, keep a hotel's star
 * rating (the e-ID checks guests in at three stars and above only), stop or restart one, and open or remove its
 * verifiers' accounts. The server checks the same and audits every change.
 */
export function VerifiersPage() {
  return (
    <RequireGrant
      permission="verifier.manage"
      title="您没有管理核验单位的权限"
      subTitle="核验单位由各市核验单位管理员登记和维护。如需开通，请联系管理员。"
      testId="verifiers-forbidden"
    >
      {(grants) => <VerifierBoard grants={grants} />}
    </RequireGrant>
  );
}

function VerifierBoard({ grants }: { grants: StaffGrant[] }) {
  const { message } = App.useApp();
  const cities = citiesOf(grants);
  const [city, setCity] = useState<string | undefined>(cities.length === 1 ? cities[0]?.value : undefined);
  const [kind, setKind] = useState<VerifierKind | undefined>();
  /** What is typed in the search box, and what the list was last searched for (on 搜索 or Enter). */
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [rating, setRating] = useState<ConsoleVerifierOrganisation | null>(null);
  const [ticketing, setTicketing] = useState<ConsoleVerifierOrganisation | null>(null);
  const [membersOf, setMembersOf] = useState<string | null>(null);
  const load = useCallback(
    (signal: AbortSignal) => {
      const q = new URLSearchParams();
      if (city) q.set('city', city);
      if (kind) q.set('kind', kind);
      if (search) q.set('q', search);
      if (page > 1) q.set('page', String(page));
      return api<ConsoleVerifierOrganisationPage>('GET', `${ORGS}${q.size ? `?${q}` : ''}`, undefined, signal);
    },
    [city, kind, search, page],
  );
  const list = useConsoleQuery<ConsoleVerifierOrganisationPage | null>(load, null);
  const items = list.data?.items ?? [];
  const members = items.find((o) => o.id === membersOf) ?? null;
  // a new filter starts at its first page
  const filtered =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  const setActive = async (o: ConsoleVerifierOrganisation, active: boolean) => {
    try {
      await api('PATCH', `${ORGS}/${o.id}`, { active });
      message.success(active ? `已启用：${o.name}` : `已停用：${o.name}，其核验人员不能再登记核验记录`);
    } catch (err) {
      message.error(errorText(err));
    }
    void list.reload();
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ display: 'flex', justifyContent: 'space-between' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          核验单位管理
        </Typography.Title>
        <Space>
          <Select
            aria-label="城市"
            data-testid="verifiers-city"
            allowClear
            placeholder="全部城市"
            value={city}
            onChange={filtered(setCity)}
            options={cities}
            style={{ width: 120 }}
          />
          <Select
            aria-label="单位类型"
            data-testid="verifiers-kind"
            allowClear
            placeholder="全部类型"
            value={kind}
            onChange={filtered(setKind)}
            options={KIND_OPTIONS}
            style={{ width: 120 }}
          />
          <Input.Search
            aria-label="单位名称"
            data-testid="verifiers-search"
            placeholder="按单位名称搜索"
            allowClear
            maxLength={80}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onSearch={() => filtered(setSearch)(typed.trim())}
            style={{ width: 200 }}
          />
          <Button type="primary" data-testid="verifiers-add" onClick={() => setCreating(true)}>
            登记核验单位
          </Button>
        </Space>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        核验单位的核验人员登录粤省事证照核验页面（/verify）扫码核验市民出示的电子证照，并登记核验记录，市民可在“我的证照”中查看。
        居民身份电子凭证仅用于{starsInChinese(E_ID_HOTEL_MIN_STARS)}
        星级及以上酒店入住核验，请按酒店的评定结果填写星级。停用的单位不能再登记核验记录，已有记录保留。
      </Typography.Paragraph>
      {list.problem && (
        <Alert type="error" showIcon role="alert" message={list.problem} data-testid="verifiers-error" />
      )}
      <Table<ConsoleVerifierOrganisation>
        rowKey="id"
        loading={list.loading}
        dataSource={items}
        pagination={{
          current: page,
          pageSize: list.data?.pageSize ?? 20,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          showSizeChanger: false,
          showTotal: (total) => `共${total}个核验单位`,
          onChange: setPage,
        }}
        locale={{ emptyText: search ? `没有名称含“${search}”的核验单位` : '暂无核验单位，请点击“登记核验单位”' }}
        onRow={(o) => ({ 'data-testid': 'verifier-row', 'data-name': o.name }) as object}
        columns={[
          {
            title: '单位名称',
            key: 'name',
            render: (_, o) => (
              <Space size={4} wrap>
                <span>{o.name}</span>
                {!o.active && <Tag color="default">已停用</Tag>}
                {o.kind === 'coach-station' &&
                  (o.ticketingStation ? (
                    <Tag color={E_ID_ACCEPTED_COLOUR} data-testid="verifier-ticketing">
                      {`售票系统：${o.ticketingStation.name}`}
                    </Tag>
                  ) : (
                    <Tag color={STATE_COLOURS['first-login']} data-testid="verifier-ticketing">
                      未接入售票系统
                    </Tag>
                  ))}
              </Space>
            ),
          },
          { title: '类型', key: 'kind', render: (_, o) => <span className="nowrap">{o.kindName}</span> },
          { title: '城市', key: 'city', render: (_, o) => <span className="nowrap">{o.cityName}</span> },
          {
            title: '星级',
            key: 'stars',
            render: (_, o) => (
              <Space size={4} wrap>
                <span data-testid="verifier-stars">{starsLabel(o)}</span>
                {o.kind === 'hotel' && (
                  <Tag color={(o.starRating ?? 0) >= E_ID_HOTEL_MIN_STARS ? E_ID_ACCEPTED_COLOUR : 'default'}>
                    {(o.starRating ?? 0) >= E_ID_HOTEL_MIN_STARS ? '可核验电子身份证入住' : '不适用电子身份证入住'}
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            title: '核验人员',
            key: 'members',
            render: (_, o) => (o.members.length ? o.members.map((m) => m.displayName).join('、') : '暂无'),
          },
          {
            title: '近30天核验',
            key: 'count',
            render: (_, o) => <span className="nowrap">{`${o.checkInsLast30Days}次`}</span>,
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, o) => (
              <Space size={4} wrap>
                <Button size="small" data-testid="verifier-members" onClick={() => setMembersOf(o.id)}>
                  核验人员
                </Button>
                {o.kind === 'hotel' && (
                  <Button size="small" data-testid="verifier-rate" onClick={() => setRating(o)}>
                    修改星级
                  </Button>
                )}
                {o.kind === 'coach-station' && (
                  <Button size="small" data-testid="verifier-ticketing-edit" onClick={() => setTicketing(o)}>
                    售票系统
                  </Button>
                )}
                <Popconfirm
                  title={o.active ? `停用${o.name}？` : `启用${o.name}？`}
                  description={
                    o.active
                      ? '停用后该单位的核验人员不能再登记核验记录，已有记录保留。'
                      : '启用后该单位的核验人员可再次登记核验记录。'
                  }
                  okText={o.active ? '停用' : '启用'}
                  cancelText="取消"
                  okButtonProps={{ danger: o.active, 'data-testid': 'verifier-active-confirm' } as ButtonProps}
                  onConfirm={() => setActive(o, !o.active)}
                >
                  <Button size="small" danger={o.active} data-testid="verifier-active">
                    {o.active ? '停用' : '启用'}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {creating && (
        <CreateModal
          cities={cities}
          defaultCity={city}
          onClose={() => setCreating(false)}
          onSaved={(o) => {
            setCreating(false);
            message.success(
              o.kind === 'coach-station'
                ? `已登记：${o.name}（${o.cityName}${o.kindName}），请点击“售票系统”接入联网售票系统后再开通核验人员验票`
                : `已登记：${o.name}（${o.cityName}${o.kindName}）`,
            );
            void list.reload();
          }}
        />
      )}
      {rating && (
        <StarsModal
          organisation={rating}
          onClose={() => setRating(null)}
          onSaved={(o) => {
            setRating(null);
            message.success(`已修改：${o.name} ${starsLabel(o)}`);
            void list.reload();
          }}
        />
      )}
      {ticketing && (
        <TicketingStationModal
          organisation={ticketing}
          onClose={() => setTicketing(null)}
          onSaved={(_, text) => {
            setTicketing(null);
            message.success(text);
            void list.reload();
          }}
        />
      )}
      <MembersDrawer organisation={members} onClose={() => setMembersOf(null)} onChanged={() => void list.reload()} />
    </Space>
  );
}

const formItem = (errors: Record<string, string>, name: string, label: string, required = false) => ({
  label,
  htmlFor: `verifier-${name}`,
  required,
  validateStatus: errors[name] ? ('error' as const) : undefined,
  help: errors[name],
});

/** 登记核验单位: name, kind, city (of the staff member's grants) and, for a hotel, its star rating. */
function CreateModal({
  cities,
  defaultCity,
  onClose,
  onSaved,
}: {
  cities: { value: string; label: string }[];
  defaultCity?: string;
  onClose(): void;
  onSaved(o: ConsoleVerifierOrganisation): void;
}) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<VerifierKind | undefined>();
  const [cityCode, setCityCode] = useState<string | undefined>(
    defaultCity ?? (cities.length === 1 ? cities[0]?.value : undefined),
  );
  const [stars, setStars] = useState<number | undefined>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { saving, problem, send } = useSubmission();

  const submit = async () => {
    const found: Record<string, string> = {};
    if (!kind) found.kind = '请选择单位类型';
    if (!cityCode) found.cityCode = '请选择城市';
    if (kind === 'hotel' && stars === undefined) found.starRating = '请选择酒店星级，没有评定星级的请选择“未评定星级”';
    const body = CreateVerifierOrganisationInput.safeParse({
      name,
      kind,
      cityCode,
      ...(kind === 'hotel' ? { starRating: stars === UNRATED ? null : stars } : {}),
    });
    if (!body.success) for (const issue of body.error.issues) found[String(issue.path[0])] ??= issue.message;
    setErrors(found);
    if (!body.success || Object.keys(found).length) return;
    await send(async () => onSaved(await api<ConsoleVerifierOrganisation>('POST', ORGS, body.data)));
  };

  return (
    <Modal
      open
      title="登记核验单位"
      okText="登记"
      cancelText="取消"
      okButtonProps={{ loading: saving, 'data-testid': 'verifier-save' }}
      onOk={() => void submit()}
      onCancel={onClose}
      maskClosable={!saving}
      closable={{ 'aria-label': '关闭' }}
    >
      <ProblemAlert problem={problem} testId="verifier-form-error" />
      <Form layout="vertical" component="div">
        <Form.Item {...formItem(errors, 'name', '单位名称', true)} extra="与营业执照或机构全称一致，例如 广州花园酒店">
          <Input
            id="verifier-name"
            data-testid="verifier-name"
            maxLength={80}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={Boolean(errors.name)}
          />
        </Form.Item>
        <Form.Item {...formItem(errors, 'kind', '单位类型', true)}>
          <Select
            id="verifier-kind"
            data-testid="verifier-kind"
            placeholder="请选择"
            value={kind}
            onChange={setKind}
            options={KIND_OPTIONS}
          />
        </Form.Item>
        <Form.Item {...formItem(errors, 'cityCode', '城市', true)}>
          <Select
            id="verifier-cityCode"
            data-testid="verifier-city"
            placeholder="请选择"
            value={cityCode}
            onChange={setCityCode}
            options={cities}
          />
        </Form.Item>
        {kind === 'hotel' && (
          <Form.Item
            {...formItem(errors, 'starRating', '酒店星级', true)}
            extra="三星级及以上酒店可用居民身份电子凭证办理入住核验"
          >
            <Select
              id="verifier-starRating"
              data-testid="verifier-star-rating"
              placeholder="请选择"
              value={stars}
              onChange={setStars}
              options={STAR_OPTIONS}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** 修改星级 of a hotel (after a new rating, or 未评定星级). */
function StarsModal({
  organisation,
  onClose,
  onSaved,
}: {
  organisation: ConsoleVerifierOrganisation;
  onClose(): void;
  onSaved(o: ConsoleVerifierOrganisation): void;
}) {
  const [stars, setStars] = useState<number>(organisation.starRating ?? UNRATED);
  const { saving, problem, send } = useSubmission();
  return (
    <Modal
      open
      title={`修改星级：${organisation.name}`}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: saving, 'data-testid': 'verifier-rate-save' }}
      onOk={() =>
        void send(async () =>
          onSaved(
            await api<ConsoleVerifierOrganisation>('PATCH', `${ORGS}/${organisation.id}`, {
              starRating: stars === UNRATED ? null : stars,
            }),
          ),
        )
      }
      onCancel={onClose}
      maskClosable={!saving}
      closable={{ 'aria-label': '关闭' }}
    >
      <ProblemAlert problem={problem} testId="verifier-rate-error" />
      <Form layout="vertical" component="div">
        <Form.Item
          label="酒店星级"
          htmlFor="verifier-rate-stars"
          extra="三星级及以上酒店可用居民身份电子凭证办理入住核验"
        >
          <Select
            id="verifier-rate-stars"
            data-testid="verifier-rate-stars"
            value={stars}
            onChange={setStars}
            options={STAR_OPTIONS}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 核验人员: the organisation's verifiers' accounts; 开通账号 (one-time password shown once) and 移除. */
function MembersDrawer({
  organisation,
  onClose,
  onChanged,
}: {
  organisation: ConsoleVerifierOrganisation | null;
  onClose(): void;
  onChanged(): void;
}) {
  const { message } = App.useApp();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [opened, setOpened] = useState<AddedVerifierMember | null>(null);
  const { saving, problem, setProblem, send } = useSubmission();

  const close = () => {
    setUsername('');
    setDisplayName('');
    setErrors({});
    setProblem(null);
    onClose();
  };

  const add = async () => {
    if (!organisation) return;
    const body = AddVerifierMemberInput.safeParse({ username, displayName });
    const found: Record<string, string> = {};
    if (!body.success) for (const issue of body.error.issues) found[String(issue.path[0])] ??= issue.message;
    setErrors(found);
    if (!body.success) return;
    await send(async () => {
      const added = await api<AddedVerifierMember>('POST', `${ORGS}/${organisation.id}/members`, body.data);
      setUsername('');
      setDisplayName('');
      setOpened(added);
      onChanged();
    });
  };

  const remove = async (m: ConsoleVerifierMember) => {
    if (!organisation) return;
    try {
      await api('DELETE', `${ORGS}/${organisation.id}/members/${m.accountId}`);
      message.success(`已移除：${m.displayName}，该账号已停用`);
    } catch (err) {
      message.error(errorText(err));
    }
    onChanged();
  };

  return (
    <>
      <Drawer
        open={organisation !== null}
        title={organisation ? `核验人员：${organisation.name}` : ''}
        width={520}
        onClose={close}
        data-testid="verifier-members-drawer"
        closable={{ 'aria-label': '关闭' }}
      >
        {organisation && (
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            {organisation.members.length === 0 ? (
              <Empty description="暂无核验人员" />
            ) : (
              <List
                dataSource={organisation.members}
                renderItem={(m) => (
                  <List.Item
                    data-testid="verifier-member"
                    data-username={m.username}
                    actions={[
                      <Popconfirm
                        key="remove"
                        title={`移除${m.displayName}？`}
                        description="移除后该账号立即停用，不能再登录；其已登记的核验记录保留。"
                        okText="移除"
                        cancelText="取消"
                        okButtonProps={{ danger: true, 'data-testid': 'verifier-member-remove-confirm' } as ButtonProps}
                        onConfirm={() => remove(m)}
                      >
                        <Button size="small" danger data-testid="verifier-member-remove">
                          移除
                        </Button>
                      </Popconfirm>,
                    ]}
                  >
                    <List.Item.Meta
                      title={
                        <Space size={4}>
                          <span>{m.displayName}</span>
                          <Tag color={STATE_COLOURS[m.state]}>{m.stateName}</Tag>
                        </Space>
                      }
                      description={`用户名 ${m.username}`}
                    />
                  </List.Item>
                )}
              />
            )}
            <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
              开通核验人员账号
            </Typography.Title>
            {!organisation.active ? (
              <Alert type="warning" showIcon message="该单位已停用，请先启用后再开通核验人员账号。" />
            ) : (
              <>
                <ProblemAlert problem={problem} testId="verifier-member-error" />
                <Form
                  layout="vertical"
                  component="form"
                  onFinish={() => void add()}
                  // the fields are checked with the contract's schema, not antd's rules
                  noValidate
                >
                  <Form.Item
                    {...formItem(errors, 'username', '用户名', true)}
                    extra="3-40位小写字母、数字或 . _ -，例如 gz.garden.wu"
                  >
                    <Input
                      id="verifier-username"
                      data-testid="verifier-member-username"
                      autoComplete="off"
                      maxLength={40}
                      value={username}
                      onChange={(e) => setUsername(e.target.value)}
                    />
                  </Form.Item>
                  <Form.Item {...formItem(errors, 'displayName', '姓名', true)} extra="可注明岗位，例如 吴婷（前台）">
                    <Input
                      id="verifier-displayName"
                      data-testid="verifier-member-name"
                      maxLength={40}
                      value={displayName}
                      onChange={(e) => setDisplayName(e.target.value)}
                    />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={saving} data-testid="verifier-member-add">
                    开通账号
                  </Button>
                </Form>
              </>
            )}
          </Space>
        )}
      </Drawer>
      {opened && (
        <Modal
          open
          title="核验人员账号已开通"
          okText="我已交给核验人员"
          cancelButtonProps={{ style: { display: 'none' } }}
          onOk={() => setOpened(null)}
          onCancel={() => setOpened(null)}
          maskClosable={false}
          closable={{ 'aria-label': '关闭' }}
          okButtonProps={{ 'data-testid': 'verifier-password-done' } as ButtonProps}
        >
          <Space direction="vertical" style={{ width: '100%' }} data-testid="verifier-password">
            <Typography.Text>
              {opened.member.displayName}（用户名 <Typography.Text code>{opened.member.username}</Typography.Text>）
            </Typography.Text>
            <Typography.Text>
              初始密码：
              <Typography.Text code copyable data-testid="verifier-password-value">
                {opened.oneTimePassword}
              </Typography.Text>
            </Typography.Text>
            <Alert
              type="warning"
              showIcon
              message="初始密码只显示这一次，请当面或通过安全渠道交给核验人员。"
              description="首次登录须在工作台修改初始密码，并用手机验证器绑定动态验证码；之后即可在证照核验页面登录、登记核验记录。"
            />
          </Space>
        </Modal>
      )}
    </>
  );
}
