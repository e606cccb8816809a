/** `ReasonModal`: the one dialog that asks for a reason — return, reopen, decide, reject, correct. */
import { App, Form, Input, Modal, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { errorText } from '../lib/errors';

export interface ReasonModalProps {
  open: boolean;
  title: ReactNode;
  /** What the reason is called, e.g. 「退回原因」; used in the label and the messages. */
  label: string;
  /** A line above the field: what happens after confirming. */
  description?: ReactNode;
  placeholder?: string;
  okText: string;
  /** A red confirm button, for refusing actions (退回、驳回). */
  isDanger?: boolean;
  /** False for an optional comment (审批意见（选填）). */
  isRequired?: boolean;
  minLength?: number;
  maxLength?: number;
  /** Does the action with the trimmed reason; resolve `false` to keep the dialog open. A throw is shown and keeps it open. */
  onSubmit: (reason: string) => Promise<boolean | void>;
  onClose: () => void;
  /** Test ids of the text field and of the confirm button. */
  inputTestId?: string;
  confirmTestId?: string;
}

/** Why the reason cannot be sent yet, or null. */
function reasonProblem(text: string, label: string, isRequired: boolean, minLength: number): string | null {
  if (text === '') return isRequired ? `请填写${label}` : null;
  if (text.length < minLength) return `${label}至少 ${minLength} 个字`;
  return null;
}

/** A modal with one required (by default) reason, validated in Chinese before `onSubmit` runs. */
export function ReasonModal({
  open,
  title,
  label,
  description,
  placeholder,
  okText,
  isDanger = false,
  isRequired = true,
  minLength = 2,
  maxLength = 2000,
  onSubmit,
  onClose,
  inputTestId,
  confirmTestId,
}: ReasonModalProps) {
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setReason('');
    setProblem(null);
  }, [open]);

  const confirm = async () => {
    const text = reason.trim();
    const found = reasonProblem(text, label, isRequired, minLength);
    setProblem(found);
    if (found) return;
    setIsBusy(true);
    try {
      if ((await onSubmit(text)) !== false) onClose();
    } catch (error) {
      message.error(errorText(error, '操作失败'));
    } finally {
      setIsBusy(false);
    }
  };

  const hint = isRequired ? `必填，至少 ${minLength} 个字` : '选填';
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => void confirm()}
      okText={okText}
      cancelText="取消"
      okButtonProps={{ danger: isDanger, loading: isBusy, ...({ 'data-testid': confirmTestId } as ButtonProps) }}
      destroyOnHidden
      maskClosable={false}
    >
      {description && <Typography.Paragraph type="secondary">{description}</Typography.Paragraph>}
      <Form layout="vertical" component="div">
        <Form.Item label={label} required={isRequired} validateStatus={problem ? 'error' : undefined} help={problem ?? undefined} style={{ marginBottom: 24 }}>
          <Input.TextArea
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
              if (problem) setProblem(reasonProblem(event.target.value.trim(), label, isRequired, minLength));
            }}
            autoSize={{ minRows: 3, maxRows: 6 }}
            maxLength={maxLength}
            showCount
            placeholder={placeholder ?? `${label}（${hint}）`}
            data-testid={inputTestId}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
