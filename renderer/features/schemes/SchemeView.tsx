import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Result, Space, Spin, Table, Tag, Tooltip } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useNavigate, useParams } from 'react-router-dom';
import { formatPoints } from '../../../shared/points/points';
import type { Indicator, Rule, Scheme, Section } from '../../../shared/scheme/model';
import { ruleExplanationTemplate } from '../../../shared/scoring/explain';
import { useSchemeRepository } from './schemeRepository';
import { KIND_COLORS, KIND_LABEL, capText, chineseNumber, gradeTexts, rangeText, ruleDetails, schemeCounts, scoringTextMismatch } from './schemeText';
import { useSchemeActions } from './useSchemeActions';

/** Route /schemes/view/:id */
export function SchemeViewPage() {
  const { id = '' } = useParams();
  const repo = useSchemeRepository();
  const navigate = useNavigate();
  const actions = useSchemeActions();
  const found = useLiveQuery(async () => ({ scheme: (await repo.get(id, { includeDeleted: true })) ?? null, row: (await repo.getRow(id)) ?? null }), [repo, id]);
  if (!found) return <Spin style={{ marginTop: 80, width: '100%' }} />;
  const { scheme, row } = found;
  if (!scheme) {
    return <Result status="404" title="找不到该考核方案" extra={<Button onClick={() => navigate('/schemes')}>返回方案列表</Button>} />;
  }
  const own = !scheme.builtin;
  const deleted = !!row?.deleted;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div className="scheme-page-head">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/schemes')}>
          返回列表
        </Button>
        <h1 className="page-title" style={{ margin: 0 }}>
          查看考核方案
        </h1>
        <Space wrap className="scheme-page-actions">
          {own && !deleted && (
            <Button type="primary" onClick={() => navigate(`/schemes/edit/${encodeURIComponent(scheme.id)}`)}>
              编辑
            </Button>
          )}
          <Button onClick={() => actions.clone(scheme)}>复制为本单位方案</Button>
          <Tooltip title="供其他电脑导入的考核方案文件（.json），内容与本方案完全一致"><Button onClick={() => actions.exportJson(scheme)}>导出方案文件</Button></Tooltip>
          <Button onClick={() => actions.exportXlsx(scheme)}>导出 Excel</Button>
        </Space>
      </div>
      <SchemeDocument scheme={scheme} deleted={deleted} />
    </Space>
  );
}

/** The scheme laid out like the published 实施细则: header, totals, one table per section, notes. */
export function SchemeDocument({ scheme, deleted = false }: { scheme: Scheme; deleted?: boolean }) {
  const counts = schemeCounts(scheme);
  return (
    <div className="scheme-doc">
      <Card>
        <h2 className="scheme-doc-title" data-testid="scheme-title">
          {scheme.name}
        </h2>
        <div className="scheme-doc-tags">
          {scheme.builtin ? <Tag color="red">内置</Tag> : <Tag color="blue">本单位</Tag>}
          {deleted && <Tag color="default">已删除</Tag>}
          <Tag>第{scheme.version}版</Tag>
          <Tag>
            {counts.sections} 节 · {counts.indicators} 项指标 · {counts.rules} 条评分规则
          </Tag>
        </div>
        <Descriptions bordered size="small" column={2} styles={{ label: { width: 120 } }}>
          <Descriptions.Item label="年度">{scheme.year}</Descriptions.Item>
          <Descriptions.Item label="发布单位">{scheme.issuer || '—'}</Descriptions.Item>
          <Descriptions.Item label="适用对象" span={2}>
            {scheme.targetKinds.join('、')}
          </Descriptions.Item>
          <Descriptions.Item label="说明" span={2}>
            <div className="scheme-text">{scheme.description || '—'}</div>
          </Descriptions.Item>
          <Descriptions.Item label="来源" span={2}>
            <div className="scheme-text">{scheme.source || '—'}</div>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="总分规则" size="small">
        <Descriptions bordered size="small" column={2} styles={{ label: { width: 120 } }}>
          <Descriptions.Item label="基础分">{formatPoints(scheme.totals.base)} 分</Descriptions.Item>
          <Descriptions.Item label="减分上限">{capText(scheme.totals.deductionCap, '减分')}</Descriptions.Item>
          <Descriptions.Item label="加分上限">{capText(scheme.totals.bonusCap, '加分')}</Descriptions.Item>
          <Descriptions.Item label="净得分范围">{rangeText(scheme.totals.min, scheme.totals.max)}</Descriptions.Item>
          <Descriptions.Item label="等次" span={2}>
            {scheme.grades ? gradeTexts(scheme.grades).join('；') : '不评定等次'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {scheme.sections.map((section, n) => (
        <SectionTable key={section.id} section={section} index={n} multiple={scheme.sections.length > 1} />
      ))}
      {scheme.notes.length > 0 && (
        <Card title="修订说明" size="small">
          <ol className="scheme-notes">
            {scheme.notes.map((note, i) => (
              <li key={i}>{note}</li>
            ))}
          </ol>
        </Card>
      )}
    </div>
  );
}

function SectionTable({ section, index, multiple }: { section: Section; index: number; multiple: boolean }) {
  const caps: string[] = [];
  if (section.deductionCap !== null) caps.push(`本节最高减${formatPoints(section.deductionCap)}分`);
  if (section.bonusCap !== null) caps.push(`本节最高加${formatPoints(section.bonusCap)}分`);
  return (
    <Card
      size="small"
      title={
        <span className="scheme-section-title">
          {multiple ? `${chineseNumber(index + 1)}、` : ''}
          {section.title}
        </span>
      }
      extra={caps.length ? <Tag color="orange">{caps.join('，')}</Tag> : null}
    >
      <Table<Indicator>
        className="scheme-doc-table"
        rowKey="id"
        bordered
        size="small"
        tableLayout="fixed"
        pagination={false}
        dataSource={section.indicators}
        expandable={{
          expandedRowKeys: section.indicators.map((i) => i.id),
          showExpandColumn: false,
          expandedRowRender: (ind) => <RuleList indicator={ind} />,
        }}
        columns={[
          { title: '序号', key: 'n', width: 52, align: 'center', render: (_, __, i) => i + 1 },
          {
            title: '考核指标',
            key: 'title',
            width: 128,
            render: (_, ind) => (
              <div>
                <strong>{ind.title}</strong>
                {ind.weight !== null && <div className="scheme-cap">指标满分 {formatPoints(ind.weight)} 分{hasAward(ind) ? '' : '，扣完为止'}</div>}
                {ind.bonusCap !== null && <div className="scheme-cap">加分不超过 {formatPoints(ind.bonusCap)} 分</div>}
              </div>
            ),
          },
          { title: '考核内容', dataIndex: 'content', width: '26%', render: (t: string) => <div className="scheme-text">{t || '—'}</div> },
          { title: '考核方式', dataIndex: 'method', width: '24%', render: (t: string) => <div className="scheme-text">{t || '—'}</div> },
          {
            title: '评分方式（原文表述）',
            dataIndex: 'scoringText',
            render: (t: string, ind) => {
              const stale = t ? scoringTextMismatch(ind) : [];
              return (
                <div className="scheme-text">
                  {t || '—'}
                  {stale.length > 0 && (
                    <div className="scheme-stale" data-testid="scoring-text-stale">
                      注：原文表述中的 {stale.map((a) => `${a}分`).join('、')} 与本方案评分规则不同，以评分规则为准。
                    </div>
                  )}
                </div>
              );
            },
          },
        ]}
      />
    </Card>
  );
}

function hasAward(ind: Indicator): boolean {
  return ind.rules.some((r) => r.kind === 'weighted' || r.kind === 'rating');
}

function RuleList({ indicator }: { indicator: Indicator }) {
  // A grid of divs rather than a nested <table>: the outer antd table's cell
  // styles would otherwise apply to the inner cells too.
  return (
    <div className="scheme-rule-grid" role="table" aria-label={`${indicator.title}的评分规则`}>
      <div className="scheme-rule-row scheme-rule-head" role="row">
        <div role="columnheader">规则</div>
        <div role="columnheader">扣分或加分情形</div>
        <div role="columnheader">类型</div>
        <div role="columnheader">计分</div>
      </div>
      {indicator.rules.map((rule: Rule, k) => (
        <div className="scheme-rule-row" role="row" key={rule.id}>
          <div role="cell" className="center">
            {k + 1}
          </div>
          <div role="cell">
            {rule.text}
            {ruleDetails(rule).map((d, i) => (
              <div key={i} className="scheme-rule-detail">
                {d}
              </div>
            ))}
          </div>
          <div role="cell" className="center">
            <Tag color={KIND_COLORS[rule.kind]} style={{ marginInlineEnd: 0 }}>
              {KIND_LABEL[rule.kind]}
            </Tag>
          </div>
          <div role="cell">{ruleExplanationTemplate(rule)}</div>
        </div>
      ))}
    </div>
  );
}
