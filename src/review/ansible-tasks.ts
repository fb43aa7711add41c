// The tasks a rollout step runs on a host, as rollout.sh does them over ssh: send the tarball, check
// it against the manifest's sha256, unpack it, run install.sh with become, then wait on the health
// gates. Task names carry the step number, so --start-at-task 'Step N: *' resumes at a step.

type Task = Record<string, unknown>;

/** Play variables the install and gate tasks use; the tunables themselves live in inventory.yml. */
export const TASK_VARS: Record<string, string> = {
  mesosgen_tarball: '{{ mesosgen_remote_dir }}/{{ mesosgen_tarball_name }}',
  mesosgen_retries: '{{ ((mesosgen_gate_timeout | int) / ([mesosgen_gate_delay | int, 1] | max)) | round(0, "ceil") | int }}',
  mesosgen_dry_run: "{{ ['--dry-run'] if ansible_check_mode else [] }}",
  mesosgen_install_argv: "{{ [mesosgen_remote_dir ~ '/' ~ inventory_hostname ~ '/install.sh'] + mesosgen_dry_run + mesosgen_install_args }}",
};

// A gate polls until it passes or mesosgen_gate_timeout is spent; --check skips gates.
function gate(name: string, task: Task, register: string, until: string): Task {
  return { name, ...task, register, until, retries: '{{ mesosgen_retries }}', delay: '{{ mesosgen_gate_delay | int }}', when: 'not ansible_check_mode' };
}

/**
 * Sending and unpacking run in check mode too (into mesosgen_remote_dir, mesosgen's own folder):
 * install.sh --dry-run compares the new tarball with the host and needs it there.
 */
export function installTasks(n: number): Task[] {
  return [
    {
      name: `Step ${n}: make the folder for the tarball`,
      'ansible.builtin.file': { path: '{{ mesosgen_remote_dir }}', state: 'directory', mode: '0700' },
      check_mode: false,
    },
    {
      name: `Step ${n}: send the tarball`,
      'ansible.builtin.copy': { src: "{{ playbook_dir ~ '/../../tarballs/' ~ mesosgen_tarball_name }}", dest: '{{ mesosgen_tarball }}', mode: '0600' },
      check_mode: false,
    },
    {
      name: `Step ${n}: read the sha256 of the tarball sent`,
      'ansible.builtin.stat': { path: '{{ mesosgen_tarball }}', checksum_algorithm: 'sha256' },
      register: 'mesosgen_sent',
      check_mode: false,
    },
    {
      name: `Step ${n}: check it against the manifest`,
      'ansible.builtin.assert': {
        that: ['mesosgen_sent.stat.checksum == mesosgen_tarball_sha256'],
        fail_msg: '{{ mesosgen_tarball }} is not the tarball of this build: its sha256 differs from manifest.json',
        quiet: true,
      },
    },
    {
      name: `Step ${n}: unpack the tarball`,
      'ansible.builtin.unarchive': { src: '{{ mesosgen_tarball }}', dest: '{{ mesosgen_remote_dir }}', remote_src: true },
      check_mode: false,
    },
    {
      name: `Step ${n}: run install.sh`,
      'ansible.builtin.command': { argv: '{{ mesosgen_install_argv }}' },
      become: true,
      register: 'mesosgen_install',
      changed_when: "'nothing changed' not in mesosgen_install.stdout",
      check_mode: false,
    },
  ];
}

/** The gates of rollout.sh: a master serves ZooKeeper, answers /health and sees a leader; an agent answers /health and is registered. */
export function gateTasks(n: number, role: 'master' | 'agent'): Task[] {
  const health = (port: string) => ({ 'ansible.builtin.uri': { url: `http://{{ mesosgen_ip }}:{{ ${port} }}/health`, use_proxy: false, timeout: 5 } });
  if (role === 'master') {
    return [
      gate(`Step ${n}: wait for ZooKeeper to serve as leader, follower or standalone`, { 'ansible.builtin.command': { argv: ['bash', '-c', SRVR, '{{ mesosgen_ip }}', '{{ mesosgen_zk_port }}'] }, changed_when: false }, 'mesosgen_srvr', "mesosgen_srvr.stdout is search('^Mode: (leader|follower|standalone)$', multiline=True)"),
      gate(`Step ${n}: wait for mesos-master to answer /health`, health('mesosgen_master_port'), 'mesosgen_health', 'mesosgen_health.status == 200'),
      gate(
        `Step ${n}: wait for a leading master (/master/redirect answers 307)`,
        { 'ansible.builtin.uri': { url: 'http://{{ mesosgen_ip }}:{{ mesosgen_master_port }}/master/redirect', follow_redirects: 'none', status_code: [307], use_proxy: false, timeout: 5 } },
        'mesosgen_redirect',
        'mesosgen_redirect.status == 307',
      ),
    ];
  }
  return [
    gate(`Step ${n}: wait for mesos-slave to answer /health`, health('mesosgen_agent_port'), 'mesosgen_health', 'mesosgen_health.status == 200'),
    gate(
      `Step ${n}: wait until the leading master lists the agent`,
      // Any master answers: a non-leading one redirects /master/slaves to the leader.
      { 'ansible.builtin.uri': { url: '{{ mesosgen_master_api }}/master/slaves', return_content: true, use_proxy: false, timeout: 10 } },
      'mesosgen_slaves',
      "('@' ~ mesosgen_ip ~ ':' ~ mesosgen_agent_port ~ '\"') in (mesosgen_slaves.content | default(''))",
    ),
  ];
}

/** A removed host: every unit it ran, stopped and disabled. */
export function stopTasks(n: number): Task[] {
  return [
    {
      name: `Step ${n}: stop and disable every mesosgen unit`,
      'ansible.builtin.systemd': { name: '{{ item }}', state: 'stopped', enabled: false },
      loop: '{{ mesosgen_units }}',
      become: true,
    },
  ];
}

/** deploy.sh, run once on the control node: vars, block and always of its step. Credentials go to it in a 0600 file, never on a command line. */
export function deployTasks(n: number): { vars: Record<string, string>; block: Task[]; always: Task[] } {
  return {
    vars: {
      mesosgen_dry_run: "{{ ['--dry-run'] if ansible_check_mode else [] }}",
      mesosgen_credentials_args: "{{ ['--credentials', mesosgen_credentials_file.path] if mesosgen_credentials_file.path is defined else [] }}",
    },
    block: [
      {
        name: `Step ${n}: make a private file for the credentials`,
        'ansible.builtin.tempfile': { state: 'file', suffix: '.credentials' },
        register: 'mesosgen_credentials_file',
        when: 'mesosgen_deploy_credentials is defined',
        check_mode: false,
      },
      {
        name: `Step ${n}: write the credentials`,
        'ansible.builtin.copy': { content: '{{ mesosgen_deploy_credentials }}\n', dest: '{{ mesosgen_credentials_file.path }}', mode: '0600' },
        no_log: true,
        when: 'mesosgen_deploy_credentials is defined',
        check_mode: false,
      },
      {
        name: `Step ${n}: run deploy.sh`,
        'ansible.builtin.command': {
          argv: "{{ [playbook_dir ~ '/../deploy.sh'] + mesosgen_dry_run + mesosgen_credentials_args + mesosgen_deploy_args }}",
        },
        changed_when: 'not ansible_check_mode',
        check_mode: false,
      },
    ],
    always: [
      {
        name: `Step ${n}: remove the credentials file`,
        'ansible.builtin.file': { path: '{{ mesosgen_credentials_file.path }}', state: 'absent' },
        when: 'mesosgen_credentials_file.path is defined',
        check_mode: false,
      },
    ],
  };
}

// ZooKeeper's four-letter word over bash's /dev/tcp: no nc needed on the host.
export const SRVR = 'exec 3<>"/dev/tcp/$0/$1" && printf srvr >&3 && timeout 5 cat <&3';
