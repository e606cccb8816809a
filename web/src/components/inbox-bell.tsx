/**
 * The in-app inbox (SPEC §11): a bell in the header with the unread count (polled every
 * minute) and the latest messages, and the `/inbox` page with every message.
 */
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { App, Badge, Button, Card, Empty, List, Popover, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { inboxApi } from '../api/cockpit';
import type { InboxMessage } from '../api/cockpit';
import { dayjs, formatDateTime, TIME_ZONE } from '../lib/format';

const POLL_MS = 60_000;
/** Tells every bell and the inbox page that messages were read. */
const INBOX_EVENT = 'gw-inbox-changed';

function announceChange() {
  window.dispatchEvent(new Event(INBOX_EVENT));
}

function relativeTime(iso: string): string {
  const t = dayjs(iso);
  const minutes = dayjs().diff(t, 'minute');
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes} 分钟前`;
  const hours = dayjs().diff(t, 'hour');
  if (hours < 24) return `${hours} 小时前`;
  const days = dayjs().diff(t, 'day');
  if (days < 7) return `${days} 天前`;
  return t.tz(TIME_ZONE).format('YYYY-MM-DD');
}

function levelTag(message: InboxMessage) {
  if (message.escalationLevel >= 2) return <Tag color="red" bordered={false}>领导督办</Tag>;
  if (message.escalationLevel === 1) return <Tag color="orange" bordered={false}>已升级</Tag>;
  return null;
}

/** Opens a message: marks it read and follows its link. */
function useOpenMessage() {
  const navigate = useNavigate();
  return useCallback(
    async (message: InboxMessage, after?: () => void) => {
      if (!message.isRead) {
        try {
          await inboxApi.read(message.id);
          announceChange();
        } catch {
          // Reading is best effort; following the link matters more.
        }
      }
      after?.();
      if (message.link) navigate(message.link);
    },
    [navigate],
  );
}

/** The header bell. */
export function InboxBell() {
  const { message: toast } = App.useApp();
  const navigate = useNavigate();
  const openMessage = useOpenMessage();
  const [count, setCount] = useState(0);
  const [isOpen, setIsOpen] = useState(false);
  const [items, setItems] = useState<InboxMessage[] | null>(null);

  const loadCount = useCallback(async () => {
    try {
      setCount((await inboxApi.count()).unread);
    } catch {
      // The bell stays quiet when the server is unreachable.
    }
  }, []);
  const loadItems = useCallback(async () => {
    try {
      const page = await inboxApi.list({ pageSize: 8 });
      setItems(page.data);
      setCount(page.unread);
    } catch {
      setItems([]);
    }
  }, []);

  useEffect(() => {
    void loadCount();
    const timer = window.setInterval(() => void loadCount(), POLL_MS);
    const onChange = () => void loadCount();
    window.addEventListener(INBOX_EVENT, onChange);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(INBOX_EVENT, onChange);
    };
  }, [loadCount]);

  useEffect(() => {
    if (isOpen) void loadItems();
  }, [isOpen, loadItems]);

  const readAll = async () => {
    try {
      await inboxApi.readAll();
      announceChange();
      await loadItems();
    } catch {
      toast.error('操作失败，请稍后重试');
    }
  };

  const content = (
    <div style={{ width: 380 }} data-testid="inbox-dropdown">
      <div style={{ display: 'flex', alignItems: 'center', padding: '2px 4px 8px', borderBottom: '1px solid #f0f0f0' }}>
        <Typography.Text strong>消息提醒</Typography.Text>
        <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
          {count} 条未读
        </Typography.Text>
        <div style={{ flex: 1 }} />
        <Button type="link" size="small" icon={<CheckOutlined />} disabled={count === 0} onClick={() => void readAll()} data-testid="inbox-read-all">
          全部已读
        </Button>
      </div>
      {items === null ? (
        <div style={{ padding: 24, textAlign: 'center' }}>
          <Spin />
        </div>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无消息" />
      ) : (
        <List
          size="small"
          dataSource={items}
          style={{ maxHeight: 420, overflowY: 'auto' }}
          renderItem={(m) => (
            <List.Item
              key={m.id}
              style={{ cursor: 'pointer', padding: '8px 4px', background: m.isRead ? undefined : '#f4f8ff' }}
              onClick={() => void openMessage(m, () => setIsOpen(false))}
              data-testid={`inbox-item-${m.id}`}
            >
              <div style={{ width: '100%', minWidth: 0 }}>
                <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
                  {!m.isRead && <Badge status="processing" />}
                  <Typography.Text strong={!m.isRead} ellipsis style={{ flex: 1 }}>
                    {m.title}
                  </Typography.Text>
                  {levelTag(m)}
                </div>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '2px 0 0', fontSize: 12 }}>
                  {m.body}
                </Typography.Paragraph>
                <div style={{ fontSize: 12, color: '#8a94a6' }}>
                  {m.kindLabel} · {relativeTime(m.createdAt)}
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
      <div style={{ borderTop: '1px solid #f0f0f0', textAlign: 'center', paddingTop: 6 }}>
        <Button
          type="link"
          size="small"
          onClick={() => {
            setIsOpen(false);
            navigate('/inbox');
          }}
          data-testid="inbox-all"
        >
          查看全部消息
        </Button>
      </div>
    </div>
  );

  return (
    <Popover content={content} trigger="click" placement="bottomRight" open={isOpen} onOpenChange={setIsOpen} arrow={false}>
      <span
        role="button"
        tabIndex={0}
        aria-label={`消息提醒，${count} 条未读`}
        data-testid="inbox-bell"
        style={{ display: 'inline-flex', alignItems: 'center', padding: '0 10px', height: 40, cursor: 'pointer' }}
      >
        <Badge count={count} size="small" overflowCount={99} offset={[2, -2]} data-testid="inbox-count" data-count={count}>
          <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
        </Badge>
      </span>
    </Popover>
  );
}

/** 消息中心: every message of the user, with an unread filter. */
export function InboxPage() {
  const { message: toast } = App.useApp();
  const openMessage = useOpenMessage();
  const [onlyUnread, setOnlyUnread] = useState(false);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ data: InboxMessage[]; total: number; unread: number } | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const [reloadToken, setReloadToken] = useState(0);

  useEffect(() => {
    let isCurrent = true;
    setIsLoading(true);
    inboxApi
      .list({ unread: onlyUnread, page, pageSize: 20 })
      .then((next) => isCurrent && setData(next))
      .catch(() => isCurrent && toast.error('消息加载失败'))
      .finally(() => isCurrent && setIsLoading(false));
    return () => {
      isCurrent = false;
    };
  }, [onlyUnread, page, reloadToken, toast]);

  useEffect(() => {
    const onChange = () => setReloadToken((n) => n + 1);
    window.addEventListener(INBOX_EVENT, onChange);
    return () => window.removeEventListener(INBOX_EVENT, onChange);
  }, []);

  const readAll = async () => {
    try {
      await inboxApi.readAll();
      announceChange();
      toast.success('已全部标为已读');
    } catch {
      toast.error('操作失败，请稍后重试');
    }
  };

  return (
    <PageContainer title="消息中心" subTitle="里程碑倒计时、逾期督办、月报催报等提醒">
      <Card bordered={false}>
        <Space style={{ marginBottom: 12 }} wrap>
          <Segmented
            value={onlyUnread ? 'unread' : 'all'}
            onChange={(v) => {
              setOnlyUnread(v === 'unread');
              setPage(1);
            }}
            options={[
              { value: 'all', label: '全部' },
              { value: 'unread', label: `未读${data ? `（${data.unread}）` : ''}` },
            ]}
            data-testid="inbox-filter"
          />
          <Button icon={<CheckOutlined />} disabled={!data?.unread} onClick={() => void readAll()} data-testid="inbox-page-read-all">
            全部已读
          </Button>
        </Space>
        <List
          loading={isLoading}
          dataSource={data?.data ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={onlyUnread ? '没有未读消息' : '暂无消息'} /> }}
          pagination={
            data && data.total > 20
              ? { current: page, pageSize: 20, total: data.total, onChange: setPage, showSizeChanger: false, showTotal: (t) => `共 ${t} 条` }
              : false
          }
          renderItem={(m) => (
            <List.Item
              key={m.id}
              data-testid={`inbox-row-${m.id}`}
              style={{ cursor: m.link ? 'pointer' : undefined, background: m.isRead ? undefined : '#f7faff', paddingInline: 12 }}
              onClick={() => void openMessage(m)}
              extra={<span style={{ color: '#8a94a6', fontSize: 12, whiteSpace: 'nowrap' }}>{formatDateTime(m.createdAt, 'YYYY-MM-DD HH:mm')}</span>}
            >
              <List.Item.Meta
                avatar={<Badge status={m.isRead ? 'default' : 'processing'} />}
                title={
                  <Space size={6}>
                    <Typography.Text strong={!m.isRead}>{m.title}</Typography.Text>
                    <Tag bordered={false}>{m.kindLabel}</Tag>
                    {levelTag(m)}
                  </Space>
                }
                description={m.body}
              />
            </List.Item>
          )}
        />
      </Card>
    </PageContainer>
  );
}
