/** The full form of one project's monthly report: funding by source, explanation, history. */
import { CameraOutlined, CloseCircleFilled, DeleteOutlined, PictureOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Divider, Drawer, Empty, Form, Image, Input, InputNumber, Select, Space, Timeline, Typography, Upload } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { FUNDING_SOURCE_LABELS, FUNDING_SOURCES } from '../../../../common/projects';
import type { FundingSource } from '../../../../common/projects';
import { monthlyApi, monthlyExtrasApi } from '../../api/monthly';
import type { GridRow, MonthlyReport, ReportPhoto } from '../../api/monthly';
import { errorText } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { StageTag, Wan } from '../projects/project-ui';
import { ReportStatusTag, REPORT_STATUS_LABELS } from './monthly-ui';
import type { RowChecks, RowEdit } from './report-edit';
import { isConstructionStage, newFundingKey } from './report-edit';

const FUNDING_OPTIONS = FUNDING_SOURCES.map((s) => ({ value: s, label: FUNDING_SOURCE_LABELS[s] }));

export interface ReportDrawerProps {
  row: GridRow | null;
  edit: RowEdit | null;
  checks: RowChecks | null;
  isEditable: boolean;
  fieldErrors: Record<string, string>;
  isBusy: boolean;
  cumulativeLabel: string;
  /** Phone-sized screen: the drawer takes the whole width and its fields stack. */
  isNarrow: boolean;
  /** Photos chosen before the report's first save; they go up right after it. */
  pendingPhotos: File[];
  onAddPendingPhoto: (file: File) => void;
  onRemovePendingPhoto: (index: number) => void;
  onChange: (patch: Partial<RowEdit>) => void;
  onSave: () => void;
  onSubmit: () => void;
  onClose: () => void;
}

function fundingLabel(source: string): string {
  return FUNDING_SOURCE_LABELS[source as FundingSource] ?? source;
}

function ReadOnlyReport({ report, row, isNarrow }: { report: MonthlyReport; row: GridRow; isNarrow: boolean }) {
  const construction = isConstructionStage(report.stage);
  return (
    <Descriptions column={1} size="small" bordered layout={isNarrow ? 'vertical' : 'horizontal'} labelStyle={isNarrow ? undefined : { width: 150 }}>
      {!construction && <Descriptions.Item label="前期工作进展">{report.preliminaryProgress || '—'}</Descriptions.Item>}
      <Descriptions.Item label="本月完成投资">
        <Wan value={report.investedThisPeriod} unit />
      </Descriptions.Item>
      <Descriptions.Item label="本年累计">
        <Wan value={report.yearCumulative} unit />
      </Descriptions.Item>
      <Descriptions.Item label="自开工累计">
        <Wan value={report.sinceStartCumulative} unit />（总投资 <Wan value={row.totalInvestment} /> 万元）
      </Descriptions.Item>
      <Descriptions.Item label="资金到位">
        {report.funding.length
          ? report.funding.map((f) => (
              <div key={f.source}>
                {fundingLabel(f.source)}：<Wan value={f.amount} unit />
              </div>
            ))
          : '—'}
      </Descriptions.Item>
      {construction && <Descriptions.Item label="形象进度">{report.progressPct === null ? '—' : `${report.progressPct}%`}</Descriptions.Item>}
      {construction && <Descriptions.Item label="形象进度说明">{report.progressText || '—'}</Descriptions.Item>}
      <Descriptions.Item label="存在问题">{report.problems || '—'}</Descriptions.Item>
      <Descriptions.Item label="拟采取措施">{report.measures || '—'}</Descriptions.Item>
      {report.explanation && <Descriptions.Item label="书面说明">{report.explanation}</Descriptions.Item>}
      {report.revisionReason && <Descriptions.Item label="更正原因">{report.revisionReason}</Descriptions.Item>}
    </Descriptions>
  );
}

function History({ reportId, refreshKey }: { reportId: string; refreshKey: string }) {
  const [revisions, setRevisions] = useState<MonthlyReport[] | null>(null);
  useEffect(() => {
    let isCurrent = true;
    monthlyApi
      .report(reportId)
      .then((answer) => isCurrent && setRevisions(answer.revisions))
      .catch(() => isCurrent && setRevisions([]));
    return () => {
      isCurrent = false;
    };
  }, [reportId, refreshKey]);
  if (revisions === null) return null;
  if (revisions.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />;
  return (
    <Timeline
      items={[...revisions]
        .sort((a, b) => b.revision - a.revision)
        .map((r) => ({
          color: r.status === 'approved' ? 'green' : r.status === 'returned' ? 'red' : r.status === 'submitted' ? 'gold' : 'gray',
          children: (
            <div style={{ fontSize: 13 }}>
              <Space size={6}>
                <Typography.Text strong>第{r.revision}版</Typography.Text>
                <span>{REPORT_STATUS_LABELS[r.status]}</span>
                {r.isLate && <Typography.Text type="danger">逾期</Typography.Text>}
              </Space>
              <div style={{ color: '#5b6475' }}>
                本月 <Wan value={r.investedThisPeriod} /> 万元
                {r.submittedByName && `；${r.submittedByName} 于 ${formatDateTime(r.submittedAt, 'MM-DD HH:mm')} 提交`}
                {r.reviewedByName && `；${r.reviewedByName} 于 ${formatDateTime(r.reviewedAt, 'MM-DD HH:mm')} ${r.status === 'returned' ? '退回' : '审核'}`}
              </div>
              {r.reviewComment && <div>审核意见：{r.reviewComment}</div>}
              {r.revisionReason && <div>更正原因：{r.revisionReason}</div>}
            </div>
          ),
        }))}
    />
  );
}

const MAX_PHOTOS = 9;
const MAX_PHOTO_BYTES = 20 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png'];
const PHOTO_EXTENSIONS = /\.(jpe?g|png)$/i;

/** Why a chosen file cannot be a site photo, or null. A phone camera's HEIC is refused here, before any upload. */
function photoProblem(file: File): string | null {
  if (!PHOTO_TYPES.includes(file.type) && !PHOTO_EXTENSIONS.test(file.name)) return `「${file.name}」不是 JPG 或 PNG 照片（苹果手机请在“设置—相机—格式”中选择“兼容性最佳”）`;
  if (file.size > MAX_PHOTO_BYTES) return `「${file.name}」超过 20 MB`;
  return null;
}

/**
 * The two ways of adding photos: on a phone the camera (capture) and the album; on a computer
 * a file choice. `onFile` gets every accepted file in turn.
 */
function PhotoPicker({ isNarrow, isDisabled, isLoading, onFile }: { isNarrow: boolean; isDisabled: boolean; isLoading: boolean; onFile: (file: File) => void }) {
  const { message } = App.useApp();
  const accept = (file: File) => {
    const problem = photoProblem(file);
    if (problem) message.error(problem);
    else onFile(file);
    return false;
  };
  return (
    <Space wrap size={8}>
      {isNarrow && (
        <Upload accept="image/*" capture="environment" showUploadList={false} disabled={isDisabled} beforeUpload={accept}>
          <Button icon={<CameraOutlined />} loading={isLoading} disabled={isDisabled} data-testid="report-photo-camera">
            拍照
          </Button>
        </Upload>
      )}
      <Upload accept="image/jpeg,image/png,.jpg,.jpeg,.png" multiple showUploadList={false} disabled={isDisabled} beforeUpload={accept}>
        <Button icon={<PictureOutlined />} loading={isLoading} disabled={isDisabled} data-testid="report-photo-button">
          {isNarrow ? '从相册选择' : '上传照片'}
        </Button>
      </Upload>
    </Space>
  );
}

const photoHint = (count: number) => `JPG/PNG，单张不超过 20 MB，最多 ${MAX_PHOTOS} 张（已 ${count} 张）`;

/** 现场照片 of a saved report: thumbnails with preview, and an upload while the report is a draft the user can fill. */
function ReportPhotos({ reportId, canUpload, isNarrow }: { reportId: string; canUpload: boolean; isNarrow: boolean }) {
  const { message } = App.useApp();
  const [photos, setPhotos] = useState<ReportPhoto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isUploading, setIsUploading] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    monthlyExtrasApi
      .photos(reportId)
      .then((answer) => {
        if (!isCurrent) return;
        setPhotos(answer.data);
        setError(null);
      })
      .catch((e) => isCurrent && setError(errorText(e, '加载现场照片失败')));
    return () => {
      isCurrent = false;
    };
  }, [reportId, reloadKey]);

  const upload = async (file: File) => {
    setIsUploading(true);
    try {
      await monthlyExtrasApi.uploadPhoto(reportId, file);
      message.success(`已上传 ${file.name}`);
    } catch (e) {
      message.error(errorText(e, '上传失败'));
    } finally {
      setIsUploading(false);
      setReloadKey((k) => k + 1);
    }
  };

  const count = photos?.length ?? 0;
  return (
    <div data-testid="report-photo-upload">
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {photos && photos.length === 0 && !canUpload && <Typography.Text type="secondary">暂无现场照片</Typography.Text>}
      {photos && photos.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap size={8} style={{ marginBottom: 8 }}>
            {photos.map((photo) => (
              <Image
                key={photo.id}
                src={monthlyExtrasApi.photoUrl(photo.id)}
                alt={photo.filename}
                title={photo.filename}
                width={96}
                height={96}
                style={{ objectFit: 'cover', borderRadius: 4 }}
                data-testid={`report-photo-${photo.id}`}
              />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {canUpload && (
        <div>
          <PhotoPicker isNarrow={isNarrow} isDisabled={isUploading || count >= MAX_PHOTOS} isLoading={isUploading} onFile={(file) => void upload(file)} />
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {photoHint(count)}
            </Typography.Text>
          </div>
        </div>
      )}
    </div>
  );
}

/** Photos chosen before the first save: previews kept in the browser, uploaded by the save. */
function PendingPhotos({ files, isNarrow, onAdd, onRemove }: { files: File[]; isNarrow: boolean; onAdd: (file: File) => void; onRemove: (index: number) => void }) {
  const urls = useMemo(() => files.map((file) => URL.createObjectURL(file)), [files]);
  useEffect(() => () => urls.forEach((url) => URL.revokeObjectURL(url)), [urls]);
  return (
    <div data-testid="report-photo-upload">
      {files.length > 0 && (
        <Space wrap size={8} style={{ marginBottom: 8 }}>
          {files.map((file, index) => (
            <div key={urls[index]} style={{ position: 'relative' }} data-testid="report-photo-pending">
              <Image src={urls[index]} alt={file.name} width={96} height={96} style={{ objectFit: 'cover', borderRadius: 4 }} />
              <Button
                type="text"
                size="small"
                aria-label={`移除 ${file.name}`}
                icon={<CloseCircleFilled style={{ color: 'rgba(0,0,0,.55)' }} />}
                style={{ position: 'absolute', top: 0, right: 0 }}
                onClick={() => onRemove(index)}
              />
            </div>
          ))}
        </Space>
      )}
      <PhotoPicker isNarrow={isNarrow} isDisabled={files.length >= MAX_PHOTOS} isLoading={false} onFile={onAdd} />
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {files.length > 0 ? `${files.length} 张照片将在保存草稿（或提交）时上传。` : ''}
          {photoHint(files.length)}
        </Typography.Text>
      </div>
    </div>
  );
}

/** The drawer with every field of a report; edits share the grid's state. */
export function ReportDrawer(props: ReportDrawerProps) {
  const { row, edit, checks, isEditable, fieldErrors, isBusy, isNarrow, onChange } = props;
  const report = row?.report ?? null;
  const stage = report?.stage ?? row?.stage ?? '';
  const construction = isConstructionStage(stage);
  const showExplanation = Boolean(checks?.needsExplanation || fieldErrors.explanation || (edit && edit.explanation));

  // The buttons are the actions the server accepts on the row's report (its `allowedActions`).
  const canSave = isEditable && (row?.allowedActions.includes('edit') ?? false);
  const canSubmit = isEditable && (row?.allowedActions.includes('submit') ?? false);

  const fieldStatus = (field: string) => (fieldErrors[field] ? ('error' as const) : undefined);
  const fieldHelp = (field: string) => fieldErrors[field];

  return (
    <Drawer
      title={row ? row.projectName : ''}
      open={row !== null}
      width={isNarrow ? '100%' : 640}
      onClose={props.onClose}
      destroyOnClose
      data-testid="report-drawer"
      extra={row && <StageTag stage={stage} />}
      footer={
        canSave || canSubmit ? (
          // On a phone the buttons share the width: large enough to tap, never off the screen.
          <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
            <Button onClick={props.onClose} style={isNarrow ? { flex: 1 } : undefined}>
              关闭
            </Button>
            {canSave && (
              <Button onClick={props.onSave} loading={isBusy} style={isNarrow ? { flex: 1 } : undefined} data-testid="drawer-save">
                保存草稿
              </Button>
            )}
            {canSubmit && (
              <Button type="primary" onClick={props.onSubmit} loading={isBusy} style={isNarrow ? { flex: 1 } : undefined} data-testid="drawer-submit">
                提交
              </Button>
            )}
          </div>
        ) : null
      }
    >
      {row && (
        <>
          <Descriptions column={isNarrow ? 1 : 2} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label="主管部门">{row.departmentName || '—'}</Descriptions.Item>
            <Descriptions.Item label="乡镇">{row.townshipName || '—'}</Descriptions.Item>
            <Descriptions.Item label="总投资">
              <Wan value={row.totalInvestment} unit />
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              <ReportStatusTag status={report?.status ?? null} isLate={report?.isLate} revision={report?.revision} />
            </Descriptions.Item>
            <Descriptions.Item label="此前本年累计">
              <Wan value={row.yearCumulativeBefore} unit />
            </Descriptions.Item>
            <Descriptions.Item label="此前自开工累计">
              <Wan value={row.sinceStartBefore} unit />
            </Descriptions.Item>
            {row.lastProgressPct !== null && <Descriptions.Item label="上期形象进度">{row.lastProgressPct}%</Descriptions.Item>}
          </Descriptions>

          {report?.status === 'returned' && report.reviewComment && (
            <Alert type="error" showIcon style={{ marginBottom: 16 }} message={`已退回：${report.reviewComment}`} description={isEditable ? undefined : '如需修改，请点击「更正」生成新版本后重新填报。'} />
          )}

          {isEditable && edit && checks ? (
            <Form layout="vertical" requiredMark>
              {!construction && (
                <Form.Item label="前期工作进展" required validateStatus={fieldStatus('preliminaryProgress')} help={fieldHelp('preliminaryProgress')}>
                  <Input.TextArea
                    value={edit.preliminaryProgress}
                    autoSize={{ minRows: 2, maxRows: 6 }}
                    maxLength={4000}
                    placeholder="用地、环评、可研批复、招投标等前期工作本月进展"
                    onChange={(e) => onChange({ preliminaryProgress: e.target.value })}
                    data-testid="drawer-preliminary"
                  />
                </Form.Item>
              )}
              {/* On a phone the amount takes the whole width and the two computed totals share a line below it. */}
              <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16, alignItems: 'flex-start' }}>
                <Form.Item
                  label="本月完成投资（万元）"
                  validateStatus={checks.investedError || fieldErrors.investedThisPeriod ? 'error' : undefined}
                  help={checks.investedError ?? fieldErrors.investedThisPeriod}
                  style={isNarrow ? { width: '100%' } : undefined}
                >
                  <Input
                    value={edit.investedThisPeriod}
                    placeholder="0"
                    inputMode="decimal"
                    style={{ width: isNarrow ? '100%' : 180, textAlign: 'right' }}
                    onChange={(e) => onChange({ investedThisPeriod: e.target.value })}
                    data-testid="drawer-invested"
                  />
                </Form.Item>
                <Form.Item label={`本年累计（${props.cumulativeLabel}）`} style={isNarrow ? { flex: '1 1 0', minWidth: 0 } : undefined}>
                  <div style={{ paddingTop: isNarrow ? 0 : 5, fontVariantNumeric: 'tabular-nums' }}>{checks.yearCumulative === null ? '—' : <Wan value={checks.yearCumulative} unit />}</div>
                </Form.Item>
                <Form.Item label="自开工累计" style={isNarrow ? { flex: '1 1 0', minWidth: 0 } : undefined}>
                  <div style={{ paddingTop: isNarrow ? 0 : 5, fontVariantNumeric: 'tabular-nums', color: checks.exceedsTotal ? '#cf1322' : undefined }}>
                    {checks.sinceStart === null ? '—' : <Wan value={checks.sinceStart} unit />}
                  </div>
                </Form.Item>
              </div>

              <Form.Item label="资金到位（万元）" validateStatus={fieldStatus('funding')} help={fieldHelp('funding') ?? checks.fundingError}>
                <Space direction="vertical" style={{ width: '100%' }}>
                  {edit.funding.map((item, index) => (
                    <div key={item.key} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start' }}>
                      <Select
                        value={item.source}
                        placeholder="资金来源"
                        style={isNarrow ? { flex: '1 1 100%' } : { width: 180 }}
                        options={FUNDING_OPTIONS.map((o) => ({ ...o, disabled: edit.funding.some((f) => f.key !== item.key && f.source === o.value) }))}
                        onChange={(source: string) => onChange({ funding: edit.funding.map((f) => (f.key === item.key ? { ...f, source } : f)) })}
                        data-testid={`funding-source-${index}`}
                      />
                      <Input
                        value={item.amount}
                        placeholder="金额"
                        suffix="万元"
                        inputMode="decimal"
                        style={isNarrow ? { flex: '1 1 0', minWidth: 0 } : { width: 180 }}
                        onChange={(e) => onChange({ funding: edit.funding.map((f) => (f.key === item.key ? { ...f, amount: e.target.value } : f)) })}
                        data-testid={`funding-amount-${index}`}
                      />
                      <Button
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label="删除"
                        onClick={() => onChange({ funding: edit.funding.filter((f) => f.key !== item.key) })}
                      />
                    </div>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => onChange({ funding: [...edit.funding, { key: newFundingKey(), source: undefined, amount: '' }] })}
                    disabled={edit.funding.length >= FUNDING_SOURCES.length}
                    data-testid="funding-add"
                  >
                    添加资金来源
                  </Button>
                </Space>
              </Form.Item>

              <Space size={16} align="start" style={{ width: '100%' }}>
                <Form.Item label="形象进度（%）" required={construction} validateStatus={fieldStatus('progressPct')} help={fieldHelp('progressPct')}>
                  <InputNumber
                    value={edit.progressPct}
                    min={0}
                    max={100}
                    precision={0}
                    inputMode="numeric"
                    style={{ width: 120 }}
                    onChange={(v) => onChange({ progressPct: v === null ? null : Number(v) })}
                    data-testid="drawer-progress"
                  />
                </Form.Item>
                {row.lastProgressPct !== null && <div style={{ paddingTop: 36, color: checks.progressBack ? '#cf1322' : '#8a94a6' }}>上期 {row.lastProgressPct}%</div>}
              </Space>
              <Form.Item label="形象进度说明" required={construction} validateStatus={fieldStatus('progressText')} help={fieldHelp('progressText')}>
                <Input.TextArea
                  value={edit.progressText}
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  maxLength={4000}
                  placeholder="如：主体结构完成 60%，正在进行二次结构施工"
                  onChange={(e) => onChange({ progressText: e.target.value })}
                  data-testid="drawer-progress-text"
                />
              </Form.Item>
              <Form.Item label="存在问题">
                <Input.TextArea value={edit.problems} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} onChange={(e) => onChange({ problems: e.target.value })} data-testid="drawer-problems" />
              </Form.Item>
              <Form.Item label="拟采取措施">
                <Input.TextArea value={edit.measures} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} onChange={(e) => onChange({ measures: e.target.value })} data-testid="drawer-measures" />
              </Form.Item>
              {showExplanation && (
                <>
                  {checks.needsExplanation && (
                    <Alert
                      type="warning"
                      showIcon
                      style={{ marginBottom: 12 }}
                      message={[checks.exceedsTotal ? '自开工累计完成投资将超过项目总投资' : null, checks.progressBack ? `形象进度低于上期的 ${row.lastProgressPct}%` : null].filter(Boolean).join('；')}
                      description="提交前须填写书面说明。"
                    />
                  )}
                  <Form.Item label="书面说明" required={checks.needsExplanation || Boolean(fieldErrors.explanation)} validateStatus={fieldStatus('explanation')} help={fieldHelp('explanation')}>
                    <Input.TextArea
                      value={edit.explanation}
                      autoSize={{ minRows: 2, maxRows: 6 }}
                      maxLength={2000}
                      placeholder="说明投资超出总投资或进度回退的原因"
                      onChange={(e) => onChange({ explanation: e.target.value })}
                      data-testid="report-explanation"
                    />
                  </Form.Item>
                </>
              )}
            </Form>
          ) : report ? (
            <ReadOnlyReport report={report} row={row} isNarrow={isNarrow} />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期尚未填报" />
          )}

          {(report || isEditable) && (
            <>
              <Divider orientation="left" plain>
                现场照片
              </Divider>
              {report ? (
                <ReportPhotos reportId={report.id} canUpload={report.allowedActions.includes('addPhoto')} isNarrow={isNarrow} />
              ) : (
                <PendingPhotos files={props.pendingPhotos} isNarrow={isNarrow} onAdd={props.onAddPendingPhoto} onRemove={props.onRemovePendingPhoto} />
              )}
            </>
          )}

          {report && (
            <>
              <Divider orientation="left" plain>
                本期版本记录
              </Divider>
              <History reportId={report.id} refreshKey={`${report.id}:${report.version}:${report.status}`} />
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
