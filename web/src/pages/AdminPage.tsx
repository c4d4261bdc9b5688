/**
 * 组织与用户 (super_admin): the departments with their §6 filing (responsible unit and person) and
 * the users; a super admin creates users here. Role combinations are checked as the server checks
 * them (security rules §14: super admin and auditor stand alone).
 */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Table, Tabs, Tag, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { ROLES, roleProblems, type Role } from '../../../src/domain/access/roles.ts';
import { api } from '../api.ts';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import type { ListResponse, Org, Region, UserRow } from '../types.ts';
import { roleLabel } from '../vocab.ts';
import { ErrorAlert, errorText } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { UserAccountActions } from '../components/UserAccountActions.tsx';

export default function AdminPage() {
  const { t } = useI18n();
  const orgs = useLoader((signal) => api.get<ListResponse<Org>>('/orgs', undefined, signal), []);
  const users = useLoader((signal) => api.get<ListResponse<UserRow>>('/users', undefined, signal), []);
  const regions = useLoader((signal) => api.get<ListResponse<Region>>('/regions', undefined, signal).catch(() => ({ items: [] })), []);
  const [creating, setCreating] = useState(false);

  return (
    <div>
      <PageTitle title={t('admin.title')} />
      <Tabs
        items={[
          {
            key: 'orgs',
            label: `${t('admin.orgs')} (${orgs.data?.items.length ?? 0})`,
            children: <OrgTable orgs={orgs.data?.items ?? []} loading={orgs.loading} error={orgs.error} regions={regions.data?.items ?? []} />,
          },
          {
            key: 'users',
            label: `${t('admin.users')} (${users.data?.items.length ?? 0})`,
            children: (
              <>
                <div style={{ marginBottom: 12 }}>
                  <Button type="primary" icon={<UserAddOutlined />} onClick={() => setCreating(true)}>{t('admin.createUser')}</Button>
                </div>
                <UserTable users={users.data?.items ?? []} loading={users.loading} error={users.error} orgs={orgs.data?.items ?? []} onChanged={users.reload} />
              </>
            ),
          },
        ]}
      />
      <CreateUserModal
        open={creating}
        orgs={orgs.data?.items ?? []}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          users.reload();
        }}
      />
    </div>
  );
}

function OrgTable({ orgs, loading, error, regions }: { orgs: Org[]; loading: boolean; error: unknown; regions: Region[] }) {
  const { t, paren } = useI18n();
  const [region, setRegion] = useState<string>();
  const rows = region ? orgs.filter((o) => o.regionCode === region) : orgs;
  return (
    <>
      <ErrorAlert error={error} />
      <Select allowClear placeholder={t('admin.region')} style={{ width: 220, marginBottom: 12 }} value={region} onChange={setRegion}
        options={regions.map((r) => ({ value: r.code, label: `${r.name}${paren(r.code)}` }))} />
      <Table<Org>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1000 }}
        columns={[
          { title: t('admin.orgName'), dataIndex: 'name' },
          { title: t('admin.shortName'), dataIndex: 'shortName', width: 140 },
          { title: t('admin.region'), dataIndex: 'regionName', width: 140 },
          {
            title: t('admin.kind'), dataIndex: 'kind', width: 110,
            render: (k: string) => (k === 'authority' ? <Tag color="blue">{t('admin.kind.authority')}</Tag> : <Tag>{t('admin.kind.department')}</Tag>),
          },
          {
            title: t('admin.responsible'), key: 'resp',
            render: (_: unknown, o) => [o.responsibleUnit, o.responsiblePerson, o.responsiblePhone].filter(Boolean).join(' · '),
          },
        ]}
      />
    </>
  );
}

function UserTable({ users, loading, error, orgs, onChanged }: { users: UserRow[]; loading: boolean; error: unknown; orgs: Org[]; onChanged(): void }) {
  const { t, lang } = useI18n();
  return (
    <>
      <ErrorAlert error={error} />
      <Table<UserRow>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={users}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1160 }}
        columns={[
          { title: t('admin.username'), dataIndex: 'username', width: 140, render: (v: string) => <span className="gdx-mono">{v}</span> },
          { title: t('admin.displayName'), dataIndex: 'displayName', width: 120 },
          { title: t('admin.org'), dataIndex: 'orgName' },
          { title: t('admin.roles'), dataIndex: 'roles', render: (roles: string[]) => roles.map((r) => <Tag key={r} color="geekblue">{roleLabel(r, lang)}</Tag>) },
          {
            title: t('admin.state'), key: 'state', width: 90,
            render: (_: unknown, u) => (u.disabled ? <Tag>{t('admin.disabled')}</Tag>
              : u.lockedUntil && new Date(u.lockedUntil) > new Date() ? <Tag color="orange">{t('admin.locked')}</Tag>
                : <Tag color="green">{t('admin.active')}</Tag>),
          },
          {
            title: '', key: 'actions', width: 260,
            render: (_: unknown, u) => <UserAccountActions user={u} orgKind={orgs.find((o) => o.id === u.orgId)?.kind} onChanged={onChanged} />,
          },
        ]}
      />
    </>
  );
}

interface NewUser {
  username: string;
  displayName: string;
  orgId: string;
  roles: Role[];
  password: string;
}

function CreateUserModal({ open, orgs, onClose, onCreated }: { open: boolean; orgs: Org[]; onClose(): void; onCreated(): void }) {
  const { t, lang, pick, paren } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewUser>();
  const [busy, setBusy] = useState(false);
  const orgId = Form.useWatch('orgId', form);
  const roles = Form.useWatch('roles', form) ?? [];
  const org = orgs.find((o) => o.id === orgId);
  const problems = useMemo(() => (org && roles.length ? roleProblems(roles, org.kind) : []), [org, roles]);

  return (
    <Modal
      open={open}
      title={t('admin.createUser')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={560}
    >
      <Form<NewUser>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={async (v) => {
          if (problems.length) return;
          setBusy(true);
          try {
            await api.post<UserRow>('/users', { ...v, username: v.username.trim(), displayName: v.displayName.trim() });
            message.success(t('admin.userCreated'));
            form.resetFields();
            onCreated();
          } catch (err) {
            message.error(errorText(err, lang));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="username" label={t('admin.username')}
          rules={[{ required: true, pattern: /^[a-z][a-z0-9._-]{1,31}$/, message: 'a–z 0–9 . _ -' }]}>
          <Input className="gdx-mono" autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('admin.displayName')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="orgId" label={t('admin.org')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={orgs.map((o) => ({ value: o.id, label: `${o.name}${paren(o.regionName)}` }))} />
        </Form.Item>
        <Form.Item name="roles" label={t('admin.roles')} rules={[{ required: true }]} extra={t('admin.rolesHint')}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: roleLabel(r, lang) }))} />
        </Form.Item>
        {problems.length ? (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} message={problems.map((p, i) => <div key={i}>{pick(p)}</div>)} />
        ) : null}
        <Form.Item name="password" label={t('admin.password')} extra={t('admin.passwordHint')} rules={[{ required: true }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('login.notice')}</Typography.Text>
      </Form>
    </Modal>
  );
}
