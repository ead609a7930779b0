/**
 * The demo company, built from the three policies: the departments they name, each with a head, a director or
 * supervisor and specialists, and the roles the policies rely on (CEO, finance, HR, audit, custodian, PM committee).
 */
export interface DemoDepartment {
  code: string;
  name: string;
  parent: string | null;
}

export interface DemoPerson {
  username: string;
  name: string;
  dept: string;
  position: 'head' | 'director' | 'supervisor' | 'specialist';
  manager: string | null;
  roles: string[];
}

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  { code: 'GM', name: '总经办', parent: null },
  { code: 'ADM', name: '行政部', parent: 'GM' },
  { code: 'HR', name: '人力资源部', parent: 'GM' },
  { code: 'FIN', name: '财务部', parent: 'GM' },
  { code: 'SALES', name: '销售部', parent: 'GM' },
  { code: 'TECH', name: '技术部', parent: 'GM' },
  { code: 'AUD', name: '审计部', parent: 'GM' },
];

export const DEMO_PEOPLE: DemoPerson[] = [
  { username: 'ceo', name: '王总', dept: 'GM', position: 'head', manager: null, roles: ['ceo', 'pm_committee'] },
  { username: 'gm.assistant', name: '赵秘书', dept: 'GM', position: 'specialist', manager: 'ceo', roles: [] },

  { username: 'adm.head', name: '李行政', dept: 'ADM', position: 'head', manager: 'ceo', roles: ['emergency'] },
  { username: 'adm.director', name: '孙总监', dept: 'ADM', position: 'director', manager: 'adm.head', roles: [] },
  { username: 'adm.custodian', name: '周保管', dept: 'ADM', position: 'specialist', manager: 'adm.director', roles: ['custodian'] },
  { username: 'adm.clerk', name: '吴文员', dept: 'ADM', position: 'specialist', manager: 'adm.director', roles: [] },

  { username: 'hr.head', name: '郑人事', dept: 'HR', position: 'head', manager: 'ceo', roles: ['hr'] },
  { username: 'hr.director', name: '冯总监', dept: 'HR', position: 'director', manager: 'hr.head', roles: ['hr'] },
  { username: 'hr.specialist', name: '陈专员', dept: 'HR', position: 'specialist', manager: 'hr.director', roles: ['hr'] },

  { username: 'fin.head', name: '褚财务', dept: 'FIN', position: 'head', manager: 'ceo', roles: ['finance'] },
  { username: 'fin.director', name: '卫总监', dept: 'FIN', position: 'director', manager: 'fin.head', roles: ['finance'] },
  { username: 'fin.accountant', name: '蒋会计', dept: 'FIN', position: 'specialist', manager: 'fin.director', roles: ['finance'] },

  { username: 'sales.head', name: '沈销售', dept: 'SALES', position: 'head', manager: 'ceo', roles: [] },
  { username: 'sales.director', name: '韩总监', dept: 'SALES', position: 'director', manager: 'sales.head', roles: [] },
  { username: 'sales.supervisor', name: '杨主管', dept: 'SALES', position: 'supervisor', manager: 'sales.director', roles: [] },
  { username: 'sales.rep1', name: '朱业务', dept: 'SALES', position: 'specialist', manager: 'sales.supervisor', roles: [] },
  { username: 'sales.rep2', name: '秦业务', dept: 'SALES', position: 'specialist', manager: 'sales.supervisor', roles: [] },

  { username: 'tech.head', name: '尤技术', dept: 'TECH', position: 'head', manager: 'ceo', roles: ['pm_committee'] },
  { username: 'tech.director', name: '许总监', dept: 'TECH', position: 'director', manager: 'tech.head', roles: ['pm_committee'] },
  { username: 'tech.supervisor', name: '何主管', dept: 'TECH', position: 'supervisor', manager: 'tech.director', roles: [] },
  { username: 'tech.dev1', name: '吕工程师', dept: 'TECH', position: 'specialist', manager: 'tech.supervisor', roles: [] },
  { username: 'tech.dev2', name: '施工程师', dept: 'TECH', position: 'specialist', manager: 'tech.supervisor', roles: [] },

  { username: 'aud.head', name: '张审计', dept: 'AUD', position: 'head', manager: 'ceo', roles: ['audit'] },
  { username: 'aud.director', name: '孔总监', dept: 'AUD', position: 'director', manager: 'aud.head', roles: ['audit'] },
  { username: 'aud.auditor', name: '曹审计员', dept: 'AUD', position: 'specialist', manager: 'aud.director', roles: ['audit'] },
];
