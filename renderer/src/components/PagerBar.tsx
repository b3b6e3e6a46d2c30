import { useState } from 'react';
import { Button, Input, Select, Space, Typography } from 'antd';
import { PAGE_SIZES, pageCount, resolveJump, type PageSize } from '../../../shared/domain/paging.js';
import { useT } from '../i18n/index.js';

interface PagerBarProps {
  total: number;
  page: number;
  pageSize: number;
  disabled?: boolean;
  onChange: (page: number, pageSize: number) => void;
}

/**
 * The paging bar of every list. Not antd's Pagination: its jumper clamps a page past
 * the end to the last page, while here an unusable entry (0, empty, text, too large)
 * must leave the page where it is.
 */
export function PagerBar({ total, page, pageSize, disabled, onChange }: PagerBarProps) {
  const t = useT();
  const [jumpText, setJumpText] = useState('');
  const pages = pageCount(total, pageSize);
  const atFirst = page <= 1;
  const atLast = page >= pages;

  const go = (next: number) => {
    if (next !== page) onChange(next, pageSize);
  };
  const jump = () => {
    const target = resolveJump(jumpText, total, pageSize);
    if (target !== null) go(target);
  };

  return (
    <div className="pager-bar" data-testid="pager">
      <Space size="middle" wrap>
        <Typography.Text data-testid="pager-total">{t('pager.total', { total })}</Typography.Text>
        <Typography.Text data-testid="pager-pages">{t('pager.pages', { pages })}</Typography.Text>
        <Space size={4}>
          <span>{t('pager.sizeBefore')}</span>
          <Select<PageSize>
            size="small"
            value={pageSize as PageSize}
            disabled={disabled}
            style={{ width: 72 }}
            options={PAGE_SIZES.map((n) => ({ value: n, label: String(n) }))}
            onChange={(size) => onChange(1, size)}
            data-testid="pager-size"
          />
          <span>{t('pager.sizeAfter')}</span>
        </Space>
        <Typography.Text strong data-testid="pager-current">
          {t('pager.current', { page })}
        </Typography.Text>
      </Space>
      <Space size={4} wrap>
        <Button size="small" disabled={disabled || atFirst} onClick={() => go(1)} data-testid="pager-first">
          {t('pager.first')}
        </Button>
        <Button size="small" disabled={disabled || atFirst} onClick={() => go(page - 1)} data-testid="pager-prev">
          {t('pager.prev')}
        </Button>
        <Button size="small" disabled={disabled || atLast} onClick={() => go(page + 1)} data-testid="pager-next">
          {t('pager.next')}
        </Button>
        <Button size="small" disabled={disabled || atLast} onClick={() => go(pages)} data-testid="pager-last">
          {t('pager.last')}
        </Button>
        <span className="pager-jump-label">{t('pager.jumpBefore')}</span>
        <Input
          size="small"
          style={{ width: 56 }}
          value={jumpText}
          disabled={disabled}
          onChange={(e) => setJumpText(e.target.value)}
          onPressEnter={jump}
          data-testid="pager-jump-input"
        />
        {t('pager.jumpAfter') && <span>{t('pager.jumpAfter')}</span>}
        <Button size="small" disabled={disabled} onClick={jump} data-testid="pager-jump">
          {t('pager.jump')}
        </Button>
      </Space>
    </div>
  );
}
