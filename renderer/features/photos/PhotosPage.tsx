import { ClearOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Pagination, Segmented, Select, Space, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { PhotoOwnerType } from '../../../shared/domain/photos';
import { formatBytes, storageStatus, type StorageStatus } from '../../../shared/photos/format';
import { OWNER_TYPE_LABELS, type PhotoOwner } from '../../../shared/photos/links';
import { useSession } from '../../store/sessionStore';
import { PhotoAttachControls } from './PhotoAttachControls';
import { PhotoCard } from './PhotoCard';
import { PhotoViewer } from './PhotoViewer';
import { isoToLocal, usePhotoRepository } from './photoHooks';
import './photos.css';

const PAGE_SIZE = 40;

/** 照片库: every photo of a round, by unit and by what it documents; the recycle bin; storage used. */
export default function PhotosPage() {
  const { db } = useSession();
  const repo = usePhotoRepository();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const [index, setIndex] = useState<number | null>(null);
  const closeViewer = useCallback(() => setIndex(null), []);

  const rounds = useLiveQuery(async () => (await db.inspections.where('deleted').equals(0).toArray()).sort((a, b) => b.startDate.localeCompare(a.startDate)), [db]);
  const roundId = params.get('round') ?? rounds?.[0]?.id ?? '';
  const round = rounds?.find((r) => r.id === roundId);
  const assessments = useLiveQuery(
    async () => (roundId ? (await db.assessments.where('[inspectionId+deleted]').equals([roundId, 0]).toArray()).sort((a, b) => a.targetName.localeCompare(b.targetName, 'zh-CN')) : []),
    [db, roundId],
  );
  const assessmentId = params.get('unit') ?? '';
  const assessment = assessments?.find((a) => a.id === assessmentId);
  const ownerType = (params.get('owner') as PhotoOwnerType | null) ?? undefined;
  const tab = params.get('view') === 'bin' ? 'bin' : 'photos';

  const views = useLiveQuery(
    async () => (roundId ? repo.listForInspection(roundId, { assessmentId: assessmentId || undefined, ownerType }) : []),
    [repo, roundId, assessmentId, ownerType],
  );
  const labels = useLiveQuery(async () => repo.ownerLabels((views ?? []).map((v) => v.link)), [repo, views]);
  const bin = useLiveQuery(async () => (tab === 'bin' ? repo.listBin() : []), [repo, tab]);
  const binLabels = useLiveQuery(async () => repo.ownerLabels((bin ?? []).flatMap((e) => e.links)), [repo, bin]);

  const usage = useLiveQuery(async () => ({ bytes: await repo.storageBytes(), photos: await db.photos.where('deleted').equals(0).count() }), [repo, db]);
  const [quota, setQuota] = useState<StorageStatus | null>(null);
  useEffect(() => {
    let alive = true;
    navigator.storage
      ?.estimate?.()
      .then((e) => alive && setQuota(storageStatus(e.usage, e.quota)))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [usage?.bytes]);

  useEffect(() => setPage(1), [roundId, assessmentId, ownerType, tab]);

  function setParam(key: string, value: string | undefined) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'round') next.delete('unit');
    setParams(next, { replace: true });
  }

  const owner: PhotoOwner | null = useMemo(
    () => (assessment ? { ownerType: 'assessment', ownerId: assessment.id, inspectionId: assessment.inspectionId, assessmentId: assessment.id } : null),
    [assessment],
  );
  const shown = (views ?? []).slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);

  const grid =
    views && views.length > 0 ? (
      <>
        <div className="photo-grid" data-testid="photo-grid">
          {shown.map((v, i) => (
            <PhotoCard
              key={v.link.id}
              repo={repo}
              photo={v.photo}
              caption={v.link.caption}
              forReport={v.link.forReport}
              label={labels?.get(v.link.id)}
              onOpen={() => setIndex((page - 1) * PAGE_SIZE + i)}
            />
          ))}
        </div>
        {views.length > PAGE_SIZE && (
          <Pagination style={{ marginTop: 12 }} current={page} pageSize={PAGE_SIZE} total={views.length} onChange={setPage} showSizeChanger={false} />
        )}
      </>
    ) : (
      views && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={assessment ? '暂无照片，可点击「选择照片」、拖入或粘贴照片' : '暂无照片'} />
    );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div className="photo-page-head">
        <h1 className="page-title">照片库</h1>
        <Typography.Text type="secondary" data-testid="photo-storage">
          照片占用 {formatBytes(usage?.bytes ?? 0)}（在用 {usage?.photos ?? 0} 张；含缩略图及回收站）
        </Typography.Text>
      </div>
      {quota?.warn && <Alert type="warning" showIcon title={quota.message} data-testid="storage-warning" />}

      {rounds && rounds.length === 0 ? (
        <Card>
          <Empty description="尚无检查任务。请先在「检查任务」中创建检查批次并添加被检查单位，再为其添加现场照片。">
            <Button type="primary" onClick={() => navigate('/inspections')}>
              前往检查任务
            </Button>
          </Empty>
        </Card>
      ) : (
        <>
          <Card size="small">
            <Space wrap>
              <Select
                aria-label="检查任务"
                style={{ width: 320 }}
                placeholder="选择检查任务"
                value={roundId || undefined}
                onChange={(v) => setParam('round', v)}
                options={(rounds ?? []).map((r) => ({ value: r.id, label: r.title }))}
              />
              <Select
                aria-label="被检查单位"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: 240 }}
                placeholder="全部被检查单位"
                value={assessmentId || undefined}
                onChange={(v) => setParam('unit', v)}
                options={(assessments ?? []).map((a) => ({ value: a.id, label: a.targetName }))}
              />
              <Select
                aria-label="关联对象"
                allowClear
                style={{ width: 170 }}
                placeholder="全部关联对象"
                value={ownerType}
                onChange={(v) => setParam('owner', v)}
                options={(Object.keys(OWNER_TYPE_LABELS) as PhotoOwnerType[]).map((k) => ({ value: k, label: OWNER_TYPE_LABELS[k] }))}
              />
              <Segmented
                value={tab}
                onChange={(v) => setParam('view', v === 'bin' ? 'bin' : undefined)}
                options={[
                  { value: 'photos', label: '照片' },
                  { value: 'bin', label: '回收站' },
                ]}
              />
            </Space>
          </Card>

          {tab === 'photos' ? (
            <Card
              title={
                <span>
                  {round?.title ?? ''}
                  {assessment ? ` · ${assessment.targetName}` : ''}
                  <Typography.Text type="secondary" style={{ marginLeft: 12, fontWeight: 'normal' }} data-testid="photo-count">
                    共 {views?.length ?? 0} 张
                  </Typography.Text>
                </span>
              }
            >
              {owner ? (
                <PhotoAttachControls owner={owner}>
                  <div style={{ marginTop: 12 }}>{grid}</div>
                </PhotoAttachControls>
              ) : (
                <>
                  {(assessments?.length ?? 0) > 0 && (
                    <Typography.Paragraph type="secondary">选择一个被检查单位后，可在此为其添加现场照片（选择文件、拖入、粘贴或拍照）。</Typography.Paragraph>
                  )}
                  {assessments && assessments.length === 0 && (
                    <Typography.Paragraph type="secondary">该检查任务尚未添加被检查单位，请先在「检查任务」中添加。</Typography.Paragraph>
                  )}
                  {grid}
                </>
              )}
            </Card>
          ) : (
            <Card
              title="回收站"
              extra={
                <Button
                  danger
                  icon={<ClearOutlined />}
                  disabled={!bin?.length}
                  onClick={() =>
                    modal.confirm({
                      title: `永久删除回收站中的 ${bin?.length ?? 0} 张照片？`,
                      content: '照片文件将从本机彻底删除，无法恢复。已同步或备份到其他设备的副本不受影响。',
                      okText: '永久删除',
                      okButtonProps: { danger: true },
                      cancelText: '取消',
                      onOk: async () => {
                        const r = await repo.purgeBin();
                        message.success(`已永久删除 ${r.photos} 张照片，释放 ${formatBytes(r.bytes)}`);
                      },
                    })
                  }
                >
                  清空回收站
                </Button>
              }
            >
              {bin && bin.length > 0 ? (
                <div className="photo-grid" data-testid="photo-bin">
                  {bin.map(({ photo, links }) => (
                    <PhotoCard
                      key={photo.id}
                      repo={repo}
                      photo={photo}
                      label={`删除于 ${photo.deletedAt ? isoToLocal(photo.deletedAt).slice(0, 16) : ''}${links[0] ? `，原用于 ${binLabels?.get(links[0].id) ?? ''}` : ''}`}
                      actions={
                        <Button
                          size="small"
                          icon={<RollbackOutlined />}
                          onClick={async () => {
                            await repo.restorePhoto(photo.id);
                            message.success(`已恢复「${photo.originalName}」`);
                          }}
                        >
                          恢复
                        </Button>
                      }
                    />
                  ))}
                </div>
              ) : (
                bin && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="回收站为空" />
              )}
            </Card>
          )}
        </>
      )}
      <PhotoViewer repo={repo} views={views ?? []} index={index} onIndex={setIndex} onClose={closeViewer} />
    </Space>
  );
}
