import {
  CASE_ACTION_SPECS,
  ConsoleCaseActionInput,
  type ConsoleCaseDetail,
  findApplicationForm,
  type StaffCaseAction,
} from '@yss/contracts';
import { Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../api';
import { ProblemAlert, useSubmission } from '../ValidatedModal';

/** What each action's dialog says and asks. */
const DIALOG: Record<
  StaffCaseAction,
  { title: string; text: string; note?: { label: string; placeholder: string }; danger?: boolean }
> = {
  accept: {
    title: '确认受理该办件？',
    text: '受理后办件进入审核，申请人将收到“已受理”的通知。',
  },
  request_supplement: {
    title: '要求申请人补正材料',
    text: '申请人将看到以下补正要求，补正后办件重新进入待受理。',
    note: { label: '需要补正的内容', placeholder: '如：身份证反面照片不清晰，请重新拍摄上传' },
  },
  approve: {
    title: '审核通过',
    text: '审核通过后，申请人将收到领取通知：请填写领取地点和领取时间（目前仅支持现场领取）。',
  },
  reject: {
    title: '不予办理',
    text: '不予办理为最终结果，办件将结束。申请人将看到以下原因。',
    note: { label: '不予办理的原因', placeholder: '请写明不予办理的原因及依据' },
    danger: true,
  },
  complete: {
    title: '确认办结（已领取）？',
    text: '请确认申请人已携带本人身份证原件到场，并已领取办理结果。办结后办件结束。',
  },
};

/** 审核通过 and 办结 of a form whose result is not collected in person (post, e-mail, nothing to collect). */
const NOT_IN_PERSON: Partial<Record<StaffCaseAction, (typeof DIALOG)[StaffCaseAction]>> = {
  approve: {
    title: '审核通过',
    text: '审核通过后，申请人将收到通知。可填写需要告知申请人的说明（如结果的寄送方式、发放时间）。',
    note: { label: '告知申请人的说明（选填）', placeholder: '如：津贴自次月起按月发放至社保卡' },
  },
  complete: {
    title: '确认办结？',
    text: '请确认办理结果已送达或已生效。办结后办件结束。',
  },
};

type FieldErrors = Partial<Record<'note' | 'place' | 'hours', string>>;

interface Props {
  detail: ConsoleCaseDetail;
  /** The action whose dialog is open (the caller mounts the dialog anew, by key, for each opening). */
  action: StaffCaseAction;
  onClose(): void;
  /** The case after the action (the server's answer). */
  onDone(updated: ConsoleCaseDetail, action: StaffCaseAction): void;
  /** CASE_CHANGED or CASE_ACTION_NOT_ALLOWED: someone else acted meanwhile; the caller reloads the case. */
  onConflict(error: ApiError): void;
}

/**
 * The dialog of one staff action: checks the input with ConsoleCaseActionInput (its Chinese messages) before
 * sending, sends the `version` the reviewer saw, and shows the server's problem detail when it refuses.
 */
export function CaseActionModal({ detail, action, onClose, onDone, onConflict }: Props) {
  const [note, setNote] = useState('');
  const [place, setPlace] = useState('');
  const [hours, setHours] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const { saving, problem, setProblem, send } = useSubmission();

  // How this service's result is handed over decides what 审核通过 asks (place and hours only for in person).
  const form = findApplicationForm(detail.serviceId);
  const inPerson = (form?.collection ?? 'in_person') === 'in_person';
  // Where the approval's note is the answer (立即咨询), 审核通过 asks for it and will not go without it.
  const reply = action === 'approve' ? form?.approvalReply : undefined;
  const dialog = reply
    ? {
        title: '审核通过并答复',
        text: `${reply.label}将通过消息发送给申请人，并显示在办件详情中。`,
        note: { label: reply.label, placeholder: '请针对申请人的问题作答，写明依据' },
      }
    : (!inPerson && NOT_IN_PERSON[action]) || DIALOG[action];
  const noteRequired = action === 'request_supplement' || action === 'reject' || reply !== undefined;
  const label = CASE_ACTION_SPECS[action].label;

  const submit = async () => {
    const input: ConsoleCaseActionInput = { action, version: detail.version };
    if (dialog.note && note.trim()) input.note = note;
    if (action === 'approve' && inPerson) input.collection = { place, hours };
    if (reply && !input.note) {
      setErrors({ note: `请填写${reply.label}` });
      return;
    }
    const checked = ConsoleCaseActionInput.safeParse(input);
    // In person, place and hours are always sent, so CollectionInfo's own messages name the empty one.
    if (!checked.success) {
      const next: FieldErrors = {};
      for (const issue of checked.error.issues) {
        const [first, second] = issue.path;
        if (first === 'note') next.note ??= issue.message;
        else if (first === 'collection' && (second === 'place' || second === 'hours')) next[second] ??= issue.message;
        else if (first === 'collection') {
          next.place ??= issue.message;
          next.hours ??= issue.message;
        } else setProblem(issue.message);
      }
      setErrors(next);
      return;
    }
    setErrors({});
    await send(
      async () => {
        const updated = await api<ConsoleCaseDetail>(
          'POST',
          `/api/v1/console/cases/${encodeURIComponent(detail.id)}/actions`,
          checked.data,
        );
        onDone(updated, action);
      },
      (err) => {
        if (err instanceof ApiError && (err.code === 'CASE_CHANGED' || err.code === 'CASE_ACTION_NOT_ALLOWED')) {
          onConflict(err);
          return true;
        }
        return false;
      },
    );
  };

  return (
    <Modal
      open
      title={dialog.title}
      okText={`确认${label}`}
      cancelText="取消"
      okButtonProps={{ danger: dialog.danger, loading: saving, 'data-testid': 'case-action-confirm' }}
      onOk={() => void submit()}
      onCancel={onClose}
      maskClosable={!saving}
      closable={{ 'aria-label': '关闭' }}
    >
      <Typography.Paragraph>
        办件编号：{detail.caseNumber}（{detail.serviceName}，申请人 {detail.applicantName}）
      </Typography.Paragraph>
      <Typography.Paragraph>{dialog.text}</Typography.Paragraph>
      <ProblemAlert problem={problem} testId="case-action-error" />
      <Form layout="vertical" component="div">
        {dialog.note && (
          <Form.Item
            label={dialog.note.label}
            htmlFor="case-action-note"
            required={noteRequired}
            validateStatus={errors.note ? 'error' : undefined}
            help={errors.note}
          >
            <Input.TextArea
              id="case-action-note"
              data-testid="case-action-note"
              value={note}
              rows={4}
              maxLength={500}
              placeholder={dialog.note.placeholder}
              aria-invalid={errors.note ? true : undefined}
              onChange={(e) => setNote(e.target.value)}
            />
          </Form.Item>
        )}
        {action === 'approve' && inPerson && (
          <>
            <Form.Item
              label="领取地点"
              htmlFor="case-action-place"
              required
              validateStatus={errors.place ? 'error' : undefined}
              help={errors.place}
            >
              <Input
                id="case-action-place"
                data-testid="case-action-place"
                value={place}
                maxLength={120}
                placeholder={`如：${detail.cityName}市公安局出入境与户政服务大厅（详细地址）`}
                aria-invalid={errors.place ? true : undefined}
                onChange={(e) => setPlace(e.target.value)}
              />
            </Form.Item>
            <Form.Item
              label="领取时间"
              htmlFor="case-action-hours"
              required
              validateStatus={errors.hours ? 'error' : undefined}
              help={errors.hours}
            >
              <Input
                id="case-action-hours"
                data-testid="case-action-hours"
                value={hours}
                maxLength={120}
                placeholder="如：工作日 9:00–17:00，自通知之日起30日内"
                aria-invalid={errors.hours ? true : undefined}
                onChange={(e) => setHours(e.target.value)}
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
