/** `FormModal`: a ProForm in a modal (or drawer) that saves, reports the outcome and closes. */
import { DrawerForm, ModalForm } from '@ant-design/pro-components';
import type { ProFormInstance } from '@ant-design/pro-components';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useRef } from 'react';
import type { MutableRefObject, ReactNode } from 'react';
import { isApiError } from '../api/client';
import { errorText } from '../lib/errors';

export interface FormModalProps<V extends object> {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  /** The saving call; a thrown API error is shown, at its field when it names one. */
  onSubmit: (values: V) => Promise<unknown>;
  /** Called after a successful save, and after a version conflict (the record must be reloaded). */
  onSaved?: () => void;
  /** Shown after a successful save. */
  successMessage?: string;
  /** Shown when the save fails with something other than an API error. */
  errorMessage?: string;
  initialValues?: Partial<V>;
  onValuesChange?: (changed: Partial<V>, all: V) => void;
  formRef?: MutableRefObject<ProFormInstance<V> | undefined>;
  width?: number;
  /** Lay fields out in a 24-column grid (`colProps` on each field); default true. */
  isGrid?: boolean;
  variant?: 'modal' | 'drawer';
  children: ReactNode;
}

/** A modal or drawer form with the platform's defaults: destroyed on close, not closed by a stray click. */
export function FormModal<V extends object>({
  title,
  open,
  onClose,
  onSubmit,
  onSaved,
  successMessage,
  errorMessage = '保存失败',
  initialValues,
  onValuesChange,
  formRef,
  width = 640,
  isGrid = true,
  variant = 'modal',
  children,
}: FormModalProps<V>) {
  const { message } = App.useApp();
  const ownRef = useRef<ProFormInstance<V>>();
  const ref = formRef ?? ownRef;

  /** True closes the form: after a save, or after a conflict that makes the form stale. */
  const onFinish = async (values: V): Promise<boolean> => {
    try {
      await onSubmit(values);
      if (successMessage) message.success(successMessage);
      onSaved?.();
      return true;
    } catch (error) {
      message.error(errorText(error, errorMessage));
      if (isApiError(error, 'VERSION_CONFLICT')) {
        onSaved?.();
        return true;
      }
      // The field is named by the server, so the form is addressed untyped here.
      const form: FormInstance | undefined = ref.current;
      if (isApiError(error) && error.field) form?.setFields([{ name: error.field, errors: [error.message] }]);
      return false;
    }
  };

  const shared = {
    title,
    open,
    width,
    formRef: ref,
    grid: isGrid,
    rowProps: isGrid ? { gutter: 16 } : undefined,
    initialValues,
    onValuesChange,
    onFinish,
    onOpenChange: (isOpen: boolean) => {
      if (!isOpen) onClose();
    },
  };
  return variant === 'drawer' ? (
    <DrawerForm<V> {...shared} drawerProps={{ destroyOnClose: true, maskClosable: false, onClose }}>
      {children}
    </DrawerForm>
  ) : (
    <ModalForm<V> {...shared} modalProps={{ destroyOnClose: true, maskClosable: false, onCancel: onClose }}>
      {children}
    </ModalForm>
  );
}
