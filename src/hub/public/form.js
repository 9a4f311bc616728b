/*
 * The hub's web form, embeddable on an organization's site:
 *   <script src="https://<hub>/w/form.js" data-org="<orgId>" data-lang="lt" async></script>
 * It renders in a shadow root (the site's styles and ours do not meet), asks the hub for the form's texts, branches
 * and public employees, solves ALTCHA's proof of work in a worker, and sends the fields as JSON. No framework; every
 * text it shows is set with textContent, never as markup.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  var hub = new URL(script.src, location.href).origin;
  var org = script.getAttribute('data-org') || '';
  var langs = ['en', 'lv', 'ru', 'lt', 'ro', 'hy'];
  var asked = (script.getAttribute('data-lang') || navigator.language || 'en').slice(0, 2).toLowerCase();
  var lang = langs.indexOf(asked) >= 0 ? asked : 'en';

  var host = document.createElement('div');
  host.className = 'planora-web-form';
  script.parentNode.insertBefore(host, script.nextSibling);
  var root = host.attachShadow({ mode: 'open' });
  var style = document.createElement('style');
  style.textContent =
    ':host{all:initial;display:block;font:15px/1.4 system-ui,sans-serif;color:#1d2330}' +
    'form,.done{max-width:34rem;display:grid;gap:.7rem;padding:1rem;border:1px solid #cfd6e4;border-radius:8px;background:#fff}' +
    'h2{margin:0;font-size:1.25rem}label{display:grid;gap:.2rem;font-weight:600}' +
    'input,textarea,select{font:inherit;font-weight:400;padding:.45rem;border:1px solid #9aa6bd;border-radius:5px}' +
    'textarea{min-height:6rem}button{font:inherit;padding:.55rem 1rem;border:0;border-radius:5px;background:#1f5fbf;color:#fff;cursor:pointer}' +
    'button[disabled]{opacity:.6}.error{color:#a11b1b}.status{color:#44506a}.trap{position:absolute;left:-9999px}';
  root.appendChild(style);

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function fill(s, params) {
    return String(s).replace(/\{\{(\w+)\}\}/g, function (_, k) {
      return params && k in params ? String(params[k]) : '';
    });
  }

  // The proof of work: the number n with SHA-256(salt + n) = challenge; run in a worker so the page stays responsive.
  function solve(c) {
    var enc = new TextEncoder();
    function hex(buf) {
      return Array.prototype.map.call(new Uint8Array(buf), function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
    }
    return (async function () {
      for (var n = 0; n <= c.maxnumber; n++) {
        if (hex(await crypto.subtle.digest('SHA-256', enc.encode(c.salt + n))) === c.challenge) return n;
      }
      return -1;
    })();
  }
  function solveInWorker(c) {
    try {
      var url = URL.createObjectURL(new Blob(['onmessage=async function(e){postMessage(await (' + solve.toString() + ')(e.data))}'], { type: 'text/javascript' }));
      return new Promise(function (resolve, reject) {
        var w = new Worker(url);
        w.onmessage = function (e) { w.terminate(); URL.revokeObjectURL(url); resolve(e.data); };
        w.onerror = function (e) { e.preventDefault(); w.terminate(); reject(e); };
        w.postMessage(c);
      }).catch(function () { return solve(c); });
    } catch (e) {
      // A site whose CSP forbids blob workers: the same search on the page's thread.
      return solve(c);
    }
  }

  function fileData(file) {
    return file.arrayBuffer().then(function (buf) {
      var bytes = new Uint8Array(buf);
      var bin = '';
      for (var i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
      return { name: file.name.slice(0, 200) || 'file', type: file.type || 'application/octet-stream', data: btoa(bin) };
    });
  }

  function render(cfg) {
    var t = cfg.texts;
    var form = el('form', { novalidate: '' });
    form.appendChild(el('h2', {}, t.title));
    function field(name, label, tag, attrs) {
      var l = el('label', {}, label);
      var input = el(tag || 'input', Object.assign({ name: name }, attrs || {}));
      l.appendChild(input);
      form.appendChild(l);
      return input;
    }
    field('name', t.name, 'input', { required: '', maxlength: '120', autocomplete: 'name' });
    field('phone', t.phone, 'input', { type: 'tel', maxlength: '40', autocomplete: 'tel' });
    field('email', t.email, 'input', { type: 'email', maxlength: '200', autocomplete: 'email' });
    field('address', t.address, 'input', { maxlength: '300', autocomplete: 'street-address' });
    field('description', t.description, 'textarea', { required: '', maxlength: String(cfg.limits.description) });
    var priority = field('priority', t.priority, 'select');
    ['urgent', 'medium', 'not_urgent'].forEach(function (p) {
      var o = el('option', { value: p }, t[p]);
      if (p === 'medium') o.selected = true;
      priority.appendChild(o);
    });
    var branch = null;
    if (cfg.branches.length > 1) {
      branch = field('branchId', t.branch, 'select');
      cfg.branches.forEach(function (b) { branch.appendChild(el('option', { value: b.id }, b.name)); });
    }
    var employee = field('employeeId', t.employee, 'select');
    function employees() {
      var chosen = branch ? branch.value : null;
      employee.textContent = '';
      employee.appendChild(el('option', { value: '' }, t.anyone));
      cfg.employees.forEach(function (e) {
        if (!chosen || e.branchIds.indexOf(chosen) >= 0) employee.appendChild(el('option', { value: e.id }, e.name));
      });
    }
    employees();
    if (branch) branch.addEventListener('change', employees);
    var files = field('attachments', fill(t.attachments, { files: cfg.limits.files, mb: cfg.limits.fileBytes / 1e6 }), 'input', { type: 'file', multiple: '' });
    // The honeypot: people never see it; a bot filling every field gives itself away.
    var trap = el('label', { class: 'trap', 'aria-hidden': 'true' }, 'Website');
    trap.appendChild(el('input', { name: 'website', tabindex: '-1', autocomplete: 'off' }));
    form.appendChild(trap);
    var status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    var button = el('button', { type: 'submit' }, t.submit);
    form.appendChild(status);
    form.appendChild(button);

    function problem(text) {
      status.className = 'error';
      status.textContent = text;
      button.disabled = false;
    }
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var v = function (n) { return form.elements[n].value.trim(); };
      if (!v('name') || !v('description')) return problem(t.required + ': ' + (!v('name') ? t.name : t.description));
      if (!v('phone') && !v('email')) return problem(t.contactNeeded);
      var chosen = Array.prototype.slice.call(files.files || []);
      if (chosen.length > cfg.limits.files || chosen.some(function (f) { return f.size > cfg.limits.fileBytes; })) return problem(t.tooLarge);
      button.disabled = true;
      status.className = 'status';
      status.textContent = t.solving;
      Promise.all([
        fetch(hub + '/w/v1/challenge').then(function (r) { if (!r.ok) throw r; return r.json(); }),
        Promise.all(chosen.map(fileData)),
      ])
        .then(function (got) {
          var c = got[0];
          return solveInWorker(c).then(function (number) {
            var altcha = btoa(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: number, salt: c.salt, signature: c.signature }));
            var body = {
              altcha: altcha,
              website: form.elements.website.value,
              fields: {
                name: v('name'), phone: v('phone'), email: v('email'), address: v('address'), description: v('description'),
                priority: priority.value, employeeId: employee.value || null, branchId: branch ? branch.value : null, language: lang,
              },
              attachments: got[1],
            };
            return fetch(hub + '/w/v1/form/' + encodeURIComponent(org), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
          });
        })
        .then(function (res) {
          return res.json().then(function (answer) {
            if (res.ok) return done(answer.reference, v('email'));
            problem(res.status === 429 ? t.rateLimited : res.status === 413 ? t.tooLarge : t.refused);
          });
        })
        .catch(function (r) { problem(r && r.status === 429 ? t.rateLimited : t.failed); });
    });

    function done(reference, email) {
      var box = el('div', { class: 'done', role: 'status' });
      box.appendChild(el('h2', {}, t.sent));
      box.appendChild(el('p', { class: 'reference' }, fill(t.reference, { reference: reference })));
      if (email) box.appendChild(el('p', {}, t.emailNote));
      root.replaceChild(box, form);
    }
    root.appendChild(form);
  }

  fetch(hub + '/w/v1/form/' + encodeURIComponent(org) + '?lang=' + lang)
    .then(function (r) { return r.json().then(function (b) { if (!r.ok) throw b; return b; }); })
    .then(render)
    .catch(function (b) { root.appendChild(el('p', { class: 'error' }, (b && b.texts && b.texts.unknownForm) || 'This form is not available.')); });
})();
