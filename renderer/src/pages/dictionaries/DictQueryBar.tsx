import { useEffect, useState } from 'react';
import { Button, Input, Select, Space } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/index.js';
import type { InvalidFilter } from './dictListStore.js';

interface DictQueryBarProps {
  name: string;
  invalid: InvalidFilter;
  onQuery: (name: string, invalid: InvalidFilter) => void;
}

/** Typed criteria take effect on 查询 or Enter, not on every keystroke. */
export function DictQueryBar({ name, invalid, onQuery }: DictQueryBarProps) {
  const t = useT();
  const [draftName, setDraftName] = useState(name);
  const [draftInvalid, setDraftInvalid] = useState<InvalidFilter>(invalid);

  // Switching the dictionary type clears the query; the inputs follow.
  useEffect(() => {
    setDraftName(name);
    setDraftInvalid(invalid);
  }, [name, invalid]);

  return (
    <Space wrap className="query-bar" data-testid="dict-query-bar">
      <Space size={4}>
        <label htmlFor="dict-query-name">{t('common.name')}</label>
        <Input
          id="dict-query-name"
          allowClear
          style={{ width: 220 }}
          placeholder={t('common.namePlaceholder')}
          value={draftName}
          onChange={(e) => setDraftName(e.target.value)}
          onPressEnter={() => onQuery(draftName, draftInvalid)}
          data-testid="dict-query-name"
        />
      </Space>
      <Space size={4}>
        <label>{t('dict.invalidFilter')}</label>
        <Select<InvalidFilter>
          style={{ width: 100 }}
          value={draftInvalid}
          onChange={setDraftInvalid}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'yes', label: t('common.yes') },
            { value: 'no', label: t('common.no') },
          ]}
          data-testid="dict-query-invalid"
        />
      </Space>
      <Button
        type="primary"
        icon={<SearchOutlined />}
        onClick={() => onQuery(draftName, draftInvalid)}
        data-testid="dict-query-submit"
      >
        {t('common.query')}
      </Button>
      <Button
        icon={<ReloadOutlined />}
        onClick={() => {
          setDraftName('');
          setDraftInvalid('all');
          onQuery('', 'all');
        }}
        data-testid="dict-query-reset"
      >
        {t('common.reset')}
      </Button>
    </Space>
  );
}
