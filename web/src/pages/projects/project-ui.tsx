/** Small shared pieces of the project pages: stage and band tags, amount rules, error text. */
import { Tag, Tooltip } from 'antd';
import type { Rule } from 'antd/es/form';
import { formatWan, formatYi } from '../../../../common/amounts';
import { STAGE_LABELS } from '../../../../common/projects';
import type { Stage } from '../../../../common/projects';

export const STAGE_COLORS: Record<Stage, string> = {
  planning: 'purple',
  reserve: 'blue',
  preliminary: 'cyan',
  ready: 'geekblue',
  construction: 'orange',
  completed: 'green',
  operating: 'success',
  suspended: 'gold',
  terminated: 'default',
};

export function stageLabel(stage: string | null | undefined): string {
  if (!stage) return '—';
  return STAGE_LABELS[stage as Stage] ?? stage;
}

/** The stage as a coloured tag. */
export function StageTag({ stage, style }: { stage: string; style?: React.CSSProperties }) {
  return (
    <Tag color={STAGE_COLORS[stage as Stage] ?? 'default'} style={{ marginInlineEnd: 0, ...style }} data-stage={stage}>
      {stageLabel(stage)}
    </Tag>
  );
}

/**
 * 重大项目 and 大项目 as small tags; the lowest band (达到统计起点) is shown only when asked. The
 * amounts are the division's rules, which a project does not carry, so the tags name none.
 */
export function BandTags({ bands, withSmall = false }: { bands: readonly string[]; withSmall?: boolean }) {
  const tags = [];
  if (bands.includes('gte10yi')) {
    tags.push(
      <Tag key="gte10yi" color="red" bordered={false} style={{ fontSize: 11, lineHeight: '18px', paddingInline: 5 }}>
        大项目
      </Tag>,
    );
  } else if (bands.includes('gte1yi')) {
    tags.push(
      <Tag key="gte1yi" color="volcano" bordered={false} style={{ fontSize: 11, lineHeight: '18px', paddingInline: 5 }}>
        重大项目
      </Tag>,
    );
  }
  if (withSmall && bands.includes('gte500w') && tags.length === 0) {
    tags.push(
      <Tag key="gte500w" bordered={false} style={{ fontSize: 11, lineHeight: '18px', paddingInline: 5 }}>
        达到统计起点
      </Tag>,
    );
  }
  return <>{tags}</>;
}

/** 万元 amount for display, with the 亿元 reading as a tooltip for large sums. */
export function Wan({ value, unit = false }: { value: string | null | undefined; unit?: boolean }) {
  if (value === null || value === undefined || value === '') return <>—</>;
  let text: string;
  try {
    text = formatWan(value);
  } catch {
    return <>{value}</>;
  }
  const body = (
    <span style={{ fontVariantNumeric: 'tabular-nums' }}>
      {text}
      {unit ? ' 万元' : ''}
    </span>
  );
  return Number(value) >= 10_000 ? <Tooltip title={formatYi(value)}>{body}</Tooltip> : body;
}

const WAN_PATTERN = /^\d{1,14}(\.\d{1,4})?$/;

/** Form rule: a non-negative decimal in 万元 with at most four decimals. */
export function wanRules(label: string, required = false): Rule[] {
  return [
    ...(required ? [{ required: true, message: `请输入${label}` }] : []),
    {
      validator: async (_: unknown, value: unknown) => {
        if (value === undefined || value === null || value === '') return;
        if (!WAN_PATTERN.test(String(value).trim())) throw new Error('金额应为不小于 0 的数字（万元，最多四位小数）');
      },
    },
  ];
}

/** 1536 → 1.5 KB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const POLICY_TAG_SUGGESTIONS = ['一带一路', '互联网+', '新型城镇化', '7+4工程包', '消费工程', '专项建设债券'];

export const CURRENCIES = [
  { value: 'CNY', label: '人民币 CNY' },
  { value: 'USD', label: '美元 USD' },
  { value: 'EUR', label: '欧元 EUR' },
  { value: 'HKD', label: '港元 HKD' },
  { value: 'JPY', label: '日元 JPY' },
];
