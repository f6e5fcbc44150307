import { type Attachment, findApplicationForm } from '@yss/contracts';
import { Alert, Button, Image, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { apiBlob, errorText } from '../api';
import { formatSize } from './status';

/**
 * The file of a material as a blob: URL. The file needs the staff session cookie, so it is fetched (not linked),
 * and the URL is revoked when the case closes.
 */
function useAttachmentUrl(caseId: string, attachment: Attachment) {
  const [state, setState] = useState<{ url: string | null; error: string | null }>({ url: null, error: null });
  useEffect(() => {
    let url: string | null = null;
    let cancelled = false;
    setState({ url: null, error: null });
    apiBlob(`/api/v1/console/cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(attachment.id)}`)
      .then((blob) => {
        if (cancelled) return;
        // the type the upload was checked as: a PDF opens in the browser's viewer, not as a download
        url = URL.createObjectURL(new Blob([blob], { type: attachment.contentType }));
        setState({ url, error: null });
      })
      .catch((err) => {
        if (!cancelled) setState({ url: null, error: errorText(err) });
      });
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [caseId, attachment.id, attachment.contentType]);
  return state;
}

function AttachmentItem({ caseId, attachment }: { caseId: string; attachment: Attachment }) {
  const { url, error } = useAttachmentUrl(caseId, attachment);
  const [preview, setPreview] = useState(false);
  const isImage = attachment.contentType !== 'application/pdf';
  return (
    <li className="case-attachment" data-testid="case-attachment">
      <div className="case-attachment-thumb">
        {error ? (
          <Alert type="error" message={error} role="alert" />
        ) : !url ? (
          <Spin aria-label="材料加载中" />
        ) : isImage ? (
          <Image
            src={url}
            width={128}
            height={96}
            alt={attachment.name}
            style={{ objectFit: 'cover' }}
            preview={{ visible: preview, onVisibleChange: setPreview, mask: '点击放大' }}
          />
        ) : (
          <a
            href={url}
            target="_blank"
            rel="noopener noreferrer"
            className="case-attachment-pdf"
            data-testid="case-attachment-pdf"
          >
            PDF
            <span className="visually-hidden">：在新标签页打开 {attachment.name}</span>
          </a>
        )}
      </div>
      <Typography.Text className="case-attachment-name" title={attachment.name}>
        {attachment.name}
      </Typography.Text>
      <Space size={4}>
        <Typography.Text type="secondary">{formatSize(attachment.size)}</Typography.Text>
        {url && isImage && (
          <Button type="link" size="small" onClick={() => setPreview(true)} aria-label={`放大查看 ${attachment.name}`}>
            放大查看
          </Button>
        )}
        {url && !isImage && (
          <>
            <Typography.Link
              href={url}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={`打开 ${attachment.name}`}
            >
              打开
            </Typography.Link>
            {/* where the browser cannot show the PDF itself */}
            <Typography.Link href={url} download={attachment.name} aria-label={`下载 ${attachment.name}`}>
              下载
            </Typography.Link>
          </>
        )}
      </Space>
    </li>
  );
}

/** 申请材料: the files by the form's slots (身份证正反面, 其他证明材料), each with its name and size. */
export function CaseAttachments({
  caseId,
  serviceId,
  attachments,
}: {
  caseId: string;
  serviceId: string;
  attachments: readonly Attachment[];
}) {
  if (attachments.length === 0) return <Typography.Text type="secondary">未上传材料</Typography.Text>;
  const slots = findApplicationForm(serviceId)?.attachments ?? [];
  const groups = slots
    .map((slot) => ({ key: slot.id, label: slot.label, files: attachments.filter((a) => a.slot === slot.id) }))
    .filter((g) => g.files.length > 0);
  const others = attachments.filter((a) => !slots.some((s) => s.id === a.slot));
  if (others.length > 0) groups.push({ key: '_other', label: '其他材料', files: others });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {groups.map((g) => (
        <section key={g.key} aria-label={g.label}>
          <Typography.Text strong>
            {g.label}（{g.files.length}）
          </Typography.Text>
          <ul className="case-attachments">
            {g.files.map((a) => (
              <AttachmentItem key={a.id} caseId={caseId} attachment={a} />
            ))}
          </ul>
        </section>
      ))}
    </Space>
  );
}
