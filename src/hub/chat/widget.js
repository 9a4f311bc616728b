/*
 * The hub's website chat, embeddable on an organization's site with one tag:
 *   <script src="https://<hub>/chat/widget.js" data-org="<orgId>" async></script>
 * It lives in a shadow root (the site's styles and ours do not meet). Flow: the organization's questionnaire, ALTCHA's
 * proof of work, a signed visitor token, then the visitor's WebSocket. Nothing a person typed is ever parsed as
 * markup: every text is set with textContent. No framework, no files to fetch but this one.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  var hub = new URL(script.src, location.href).origin;
  var org = script.getAttribute('data-org') || '';
  var langs = ['en', 'lv', 'ru', 'lt', 'ro', 'hy'];
  var asked = (script.getAttribute('data-lang') || document.documentElement.lang || navigator.language || 'en').slice(0, 2).toLowerCase();
  var lang = langs.indexOf(asked) >= 0 ? asked : 'en';
  var storeKey = 'planora-chat:' + org;
  // The hub's visitor token lasts 7 days; past that the conversation cannot be resumed, so it is not tried.
  var KEEP_MS = 7 * 24 * 3600 * 1000 - 60000;
  var api = hub + '/chat/v1/';

  var T = {};
  var config = null;
  var saved = load();
  var ws = null;
  var cursor = 0;
  var messages = {}; // seq -> { frame, el }
  var outbox = []; // frames sent and not yet acknowledged, sent again after a reconnect
  var retryMs = 500;
  var typingTimer = null;
  var lastTypingSent = 0;
  var assignee = null;
  var online = false;
  var unread = 0;

  function load() {
    try {
      var s = JSON.parse(localStorage.getItem(storeKey) || 'null');
      return s && s.token && s.until > Date.now() ? s : null;
    } catch (e) { return null; }
  }
  function save() {
    try { localStorage.setItem(storeKey, JSON.stringify(saved)); } catch (e) { /* private mode: the chat lasts the page */ }
  }
  function t(key, params) {
    return String(T[key] || key).replace(/\{\{(\w+)\}\}/g, function (_, k) { return params && k in params ? String(params[k]) : ''; });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function id() {
    var a = new Uint8Array(12);
    crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  var host = document.createElement('div');
  host.className = 'planora-chat';
  document.body.appendChild(host);
  var root = host.attachShadow({ mode: 'open' });
  var style = document.createElement('style');
  style.textContent =
    // The site's own !important rules on a div reach the host (and by inheritance all inside): ours win here.
    '[hidden]{display:none!important}:host{all:initial!important;position:fixed!important;right:20px!important;bottom:20px!important;z-index:2147483000!important}' +
    '.w{font:15px/1.4 system-ui,sans-serif;color:#1d2330;text-align:left;letter-spacing:normal}' +
    '.launch{position:relative;font:inherit;border:0;border-radius:28px;padding:.8rem 1.2rem;background:#1f5fbf;color:#fff;font-weight:600;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}' +
    '.badge{position:absolute;top:-6px;right:-4px;min-width:20px;height:20px;padding:0 5px;box-sizing:border-box;border-radius:10px;background:#d93b3b;color:#fff;font-size:12px;line-height:20px;text-align:center;box-shadow:0 0 0 2px #fff}' +
    'button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #f2b01e;outline-offset:2px}' +
    '.panel{width:340px;max-width:calc(100vw - 40px);height:540px;max-height:calc(100vh - 40px);display:flex;flex-direction:column;background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);overflow:hidden}' +
    '.head{display:flex;gap:.6rem;align-items:center;padding:.7rem .8rem;background:#1f5fbf;color:#fff}' +
    '.avatar{width:38px;height:38px;border-radius:50%;background:#fff;color:#1f5fbf;display:grid;place-items:center;font-weight:700;overflow:hidden;flex:none}' +
    '.avatar img{width:100%;height:100%;object-fit:cover}.who{flex:1;min-width:0}.who b{display:block}.state{font-size:.82rem;opacity:.9}' +
    '.x{background:none;border:0;color:#fff;font:inherit;font-size:1.4rem;cursor:pointer;padding:0 .3rem}' +
    '.body{flex:1;overflow:auto;padding:.8rem;display:flex;flex-direction:column;gap:.5rem;background:#f3f5f9}' +
    'form{display:grid;gap:.45rem}label{display:grid;gap:.15rem;font-weight:600;font-size:.9rem}' +
    'input,textarea,select{font:inherit;font-weight:400;padding:.45rem;border:1px solid #9aa6bd;border-radius:6px;background:#fff;color:inherit}' +
    'button.go{font:inherit;padding:.55rem 1rem;border:0;border-radius:6px;background:#1f5fbf;color:#fff;cursor:pointer}button[disabled]{opacity:.6}' +
    '.msg{max-width:82%;padding:.45rem .65rem;border-radius:10px;background:#fff;white-space:pre-wrap;overflow-wrap:anywhere;box-shadow:0 1px 2px rgba(0,0,0,.08)}' +
    '.msg.visitor{align-self:flex-end;background:#dce8fb}.meta{font-size:.72rem;color:#5b6579;margin-top:.15rem}.from{font-size:.78rem;font-weight:600;color:#1f5fbf;margin-bottom:.1rem}' +
    '.greet{align-self:flex-start;max-width:82%;padding:.45rem .65rem;border-radius:10px;background:#fff;border-left:3px solid #1f5fbf;white-space:pre-wrap;overflow-wrap:anywhere}' +
    '.quote{border-left:3px solid #9aa6bd;padding-left:.4rem;color:#5b6579;font-size:.85rem;margin-bottom:.2rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}' +
    '.compose{display:flex;gap:.4rem;padding:.5rem;border-top:1px solid #dde2ec}.compose textarea{flex:1;resize:none;height:2.6rem}' +
    '.note{font-size:.85rem;color:#5b6579;text-align:center}.error{color:#a11b1b;font-size:.88rem}.typing{min-height:1.1rem;font-size:.8rem;color:#5b6579;padding:0 .8rem}' +
    'button.again{align-self:center;font:inherit;font-size:.88rem;border:1px solid #1f5fbf;border-radius:6px;background:#fff;color:#1f5fbf;padding:.35rem .8rem;cursor:pointer}' +
    // A phone: the window takes the screen's width and most of its height.
    '@media (max-width:480px){:host{right:10px!important;bottom:10px!important}.panel{width:calc(100vw - 20px);max-width:none;height:calc(100vh - 20px);max-height:none}}';
  root.appendChild(style);

  var launch = el('button', 'launch');
  launch.type = 'button';
  var launchText = el('span');
  var badge = el('span', 'badge');
  badge.hidden = true;
  badge.setAttribute('aria-hidden', 'true');
  launch.append(launchText, badge);
  var panel = el('div', 'panel');
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  var head = el('div', 'head');
  var avatar = el('div', 'avatar');
  var who = el('div', 'who');
  var title = el('b');
  var state = el('span', 'state');
  who.append(title, state);
  var closeBtn = el('button', 'x', '×');
  closeBtn.type = 'button';
  head.append(avatar, who, closeBtn);
  var body = el('div', 'body');
  body.setAttribute('aria-live', 'polite');
  var typingLine = el('div', 'typing');
  var compose = el('form', 'compose');
  var input = el('textarea');
  var sendBtn = el('button', 'go');
  sendBtn.type = 'submit';
  compose.append(input, sendBtn);
  compose.hidden = true;
  panel.append(head, body, typingLine, compose);
  var wrap = el('div', 'w');
  wrap.append(launch, panel);
  root.appendChild(wrap);

  launch.onclick = function () {
    launch.hidden = true;
    panel.hidden = false;
    setUnread(0);
    // Filled while hidden (a reload): only now has it a height to scroll. The questionnaire reads from its top (the
    // greeting), a conversation from its last message.
    body.scrollTop = compose.hidden ? 0 : body.scrollHeight;
    var first = compose.hidden ? body.querySelector('input,select') : input;
    if (first) first.focus({ preventScroll: true });
  };
  function closePanel() {
    panel.hidden = true;
    launch.hidden = false;
    launch.focus();
  }
  closeBtn.onclick = closePanel;
  panel.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { e.stopPropagation(); closePanel(); }
  });

  // Replies that came while the window was closed: a count on the launcher, read out with its label.
  function setUnread(n) {
    unread = n;
    badge.hidden = !n;
    badge.textContent = n > 9 ? '9+' : String(n);
    launch.setAttribute('aria-label', n ? t('open') + ' — ' + t('unread', { count: n }) : t('open'));
  }

  // When the staff answer: now, from a time today or tomorrow, or a later day, on the branch's clock in the visitor's words.
  function statusText() {
    var s = config && config.status;
    if (s && s.kind === 'from') {
      var at = new Date(s.at);
      var loc = lang === 'en' ? 'en-GB' : lang;
      // The hub's wall date and time on the branch's clock, named with our own words where the browser's Intl lacks
      // the language (builds with a reduced ICU, Debian's Chromium among them, know no Armenian).
      var ymd = String(s.date).split('-');
      var when = s.time;
      var day = t('dayMonth', {
        weekday: t('weekdays').split(',')[new Date(Date.UTC(+ymd[0], ymd[1] - 1, +ymd[2])).getUTCDay()],
        day: +ymd[2],
        month: t('months').split(',')[ymd[1] - 1],
      });
      try {
        when = new Intl.DateTimeFormat(loc, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: s.zone }).format(at);
        if (Intl.DateTimeFormat.supportedLocalesOf([loc]).length) day = new Intl.DateTimeFormat(loc, { weekday: 'long', day: 'numeric', month: 'short', timeZone: s.zone }).format(at);
      } catch (e) { /* an unknown zone: the hub's own wall time */ }
      return s.day === 'today' ? t('fromToday', { time: when }) : s.day === 'tomorrow' ? t('fromTomorrow', { time: when }) : t('fromLater', { date: day, time: when });
    }
    return online || (s && s.kind === 'now') ? t('online') : t('offline');
  }

  // The answering person's photo, else the organization's logo, else an initial (also when a picture fails to load).
  function paintHead() {
    var name = assignee && assignee.name;
    title.textContent = name || t('title');
    state.textContent = statusText();
    avatar.textContent = '';
    var initial = (name || t('title')).charAt(0).toUpperCase();
    var photo = (assignee && assignee.photoUrl) || (config && config.logoUrl);
    if (photo) {
      var img = el('img');
      img.alt = '';
      img.onerror = function () { avatar.textContent = initial; };
      img.src = photo;
      avatar.appendChild(img);
    } else avatar.textContent = initial;
  }

  function greet() {
    if (config && config.greeting) body.appendChild(el('div', 'greet', config.greeting));
  }

  function notice(text, cls) {
    var n = el('div', cls || 'note', text);
    body.appendChild(n);
    body.scrollTop = body.scrollHeight;
    return n;
  }

  // A short, soft two-note chime on an operator's reply: an oscillator, no sound file.
  function chime() {
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) return;
      var ac = new Ctx();
      [660, 880].forEach(function (f, i) {
        var o = ac.createOscillator();
        var g = ac.createGain();
        var at = ac.currentTime + i * 0.14;
        o.type = 'sine';
        o.frequency.value = f;
        g.gain.setValueAtTime(0.0001, at);
        g.gain.exponentialRampToValueAtTime(0.15, at + 0.02);
        g.gain.exponentialRampToValueAtTime(0.0001, at + 0.3);
        o.connect(g);
        g.connect(ac.destination);
        o.start(at);
        o.stop(at + 0.32);
      });
      setTimeout(function () { ac.close(); }, 1000);
    } catch (e) { /* no audio here: the reply is still shown */ }
  }

  function time(ms) {
    return new Date(ms).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', hour12: false });
  }

  function showMessage(f) {
    var known = messages[f.seq];
    if (known) return;
    var box = el('div', 'msg ' + f.author);
    box.setAttribute('data-seq', String(f.seq));
    if (f.quoteSeq && messages[f.quoteSeq]) {
      box.appendChild(el('div', 'quote', t('quote') + ': ' + messages[f.quoteSeq].frame.text.slice(0, 120)));
    }
    if (f.author === 'operator') box.appendChild(el('div', 'from', f.name || t('operator')));
    box.appendChild(el('div', 'text', f.text));
    box.appendChild(el('div', 'meta', (f.author === 'visitor' ? t('you') + ' · ' : '') + time(f.at)));
    // Keep seq order even when an acknowledged message of ours arrives after a later one.
    var after = null;
    Object.keys(messages).forEach(function (s) { if (+s > f.seq && (!after || +s < +after.getAttribute('data-seq'))) after = messages[s].el; });
    body.insertBefore(box, after);
    messages[f.seq] = { frame: f, el: box };
    body.scrollTop = body.scrollHeight;
    if (f.author === 'operator' && f.seq > (saved.heard || 0)) {
      saved.heard = f.seq;
      save();
      chime();
      if (panel.hidden) setUnread(unread + 1);
    }
  }

  function onFrame(f) {
    if (typeof f.rev === 'number' && f.rev > cursor && (f.t === 'message' || f.t === 'deleted')) cursor = f.rev;
    if (f.t === 'hello') {
      online = f.online;
      assignee = f.assignee;
      paintHead();
      setClosed(f.status === 'closed');
    } else if (f.t === 'status') {
      assignee = f.assignee;
      paintHead();
      setClosed(f.status === 'closed');
    } else if (f.t === 'message') {
      showMessage(f);
      if (f.author === 'operator') typingLine.textContent = '';
    } else if (f.t === 'deleted') {
      var m = messages[f.seq];
      if (m) { m.el.remove(); delete messages[f.seq]; }
      typingLine.textContent = '';
    } else if (f.t === 'typing') {
      typingLine.textContent = t('typing');
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () { typingLine.textContent = ''; }, 4000);
    } else if (f.t === 'ack') {
      outbox = outbox.filter(function (o) { return o.clientId !== f.clientId; });
    } else if (f.t === 'error') {
      if (f.clientId) outbox = outbox.filter(function (o) { return o.clientId !== f.clientId; });
      notice(f.code === 'chat.rate_limited' ? t('rateLimited') : f.code === 'chat.closed' ? t('closed') : t('failed'), 'error');
    }
  }

  function setClosed(closed) {
    input.disabled = sendBtn.disabled = closed;
    if (closed && !body.querySelector('.closed')) {
      notice(t('closed'), 'note closed');
      // A closed conversation cannot be written to: the visitor may begin another.
      var again = el('button', 'again', t('newChat'));
      again.type = 'button';
      again.onclick = function () {
        if (ws) { ws.onclose = null; ws.close(); ws = null; }
        saved = null;
        try { localStorage.removeItem(storeKey); } catch (e) { /* nothing kept */ }
        messages = {};
        outbox = [];
        cursor = 0;
        assignee = null;
        compose.hidden = true;
        typingLine.textContent = '';
        body.textContent = '';
        paintHead();
        questionnaire();
      };
      body.appendChild(again);
    }
  }

  function connect() {
    var url = hub.replace(/^http/, 'ws') + '/chat/v1/visitor?token=' + encodeURIComponent(saved.token);
    ws = new WebSocket(url);
    var opened = false;
    ws.onopen = function () {
      opened = true;
      retryMs = 500;
      ws.send(JSON.stringify({ t: 'resume', after: cursor }));
      outbox.forEach(function (o) { ws.send(JSON.stringify(o)); });
    };
    ws.onmessage = function (e) {
      try { onFrame(JSON.parse(e.data)); } catch (err) { /* a frame this version does not know */ }
    };
    ws.onclose = function () {
      ws = null;
      if (!opened && retryMs > 8000) {
        // Refused at every try (blocked, expired): start afresh next time.
        notice(t('failed'), 'error');
        return;
      }
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 16000);
    };
  }

  function startChat() {
    body.textContent = '';
    greet();
    compose.hidden = false;
    input.placeholder = t('placeholder');
    input.maxLength = config.textMax;
    sendBtn.textContent = t('send');
    connect();
  }

  compose.onsubmit = function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    var frame = { t: 'send', clientId: id(), text: text };
    outbox.push(frame);
    if (ws && ws.readyState === 1) ws.send(JSON.stringify(frame));
    input.value = '';
  };
  input.onkeydown = function (e) {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); compose.requestSubmit(); }
  };
  input.oninput = function () {
    if (ws && ws.readyState === 1 && Date.now() - lastTypingSent > 2000) {
      lastTypingSent = Date.now();
      ws.send(JSON.stringify({ t: 'typing' }));
    }
  };

  // The proof of work: the number n with SHA-256(salt + n) = challenge; run in a worker so the page stays responsive.
  // The web form (public/form.js) carries the same two functions; widgetCopies.test.ts keeps them equal.
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

  function questionnaire() {
    var q = config.questionnaire;
    var form = el('form');
    form.noValidate = true;
    greet();
    form.appendChild(el('div', 'note', t('intro')));
    var fields = {};
    q.ask.forEach(function (name) {
      var label = el('label', '', t(name) + (q.require.indexOf(name) >= 0 ? ' *' : ''));
      var f;
      if (name === 'topic' && q.topics.length) {
        f = el('select');
        f.appendChild(el('option', '', t('chooseTopic'))).value = '';
        q.topics.forEach(function (topic) { f.appendChild(el('option', '', topic)).value = topic; });
      } else {
        f = el('input');
        f.type = name === 'email' ? 'email' : name === 'phone' ? 'tel' : 'text';
        f.maxLength = 200;
        f.autocomplete = name === 'name' ? 'name' : name === 'phone' ? 'tel' : name === 'email' ? 'email' : 'off';
      }
      f.name = name;
      label.appendChild(f);
      form.appendChild(label);
      fields[name] = f;
    });
    var error = el('div', 'error');
    var go = el('button', 'go', t('start'));
    go.type = 'submit';
    form.append(error, go);
    form.onsubmit = function (e) {
      e.preventDefault();
      var answers = {};
      for (var name in fields) {
        var v = fields[name].value.trim();
        if (!v && q.require.indexOf(name) >= 0) { error.textContent = t(name) + ': ' + t('required'); fields[name].focus(); return; }
        if (name === 'email' && v && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) { error.textContent = t('invalidEmail'); fields[name].focus(); return; }
        if (v) answers[name] = v;
      }
      go.disabled = true;
      error.textContent = t('solving');
      fetch(api + 'challenge/' + encodeURIComponent(org)).then(function (r) {
        if (!r.ok) throw r;
        return r.json();
      }).then(function (c) {
        return solveInWorker(c).then(function (n) {
          var payload = btoa(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: n, salt: c.salt, signature: c.signature }));
          return fetch(api + 'start/' + encodeURIComponent(org), {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ altcha: payload, answers: answers, page: location.href.slice(0, 500), language: lang }),
          });
        });
      }).then(function (r) {
        if (!r.ok) throw r;
        return r.json();
      }).then(function (s) {
        saved = { token: s.token, heard: 0, until: Date.now() + KEEP_MS };
        save();
        startChat();
      }).catch(function (r) {
        go.disabled = false;
        error.textContent = r && r.status === 429 ? t('rateLimited') : r && r.status === 403 ? t('blocked') : t('failed');
      });
    };
    body.appendChild(form);
  }

  fetch(api + 'config/' + encodeURIComponent(org) + '?lang=' + lang).then(function (r) {
    return r.json().then(function (j) { return { ok: r.ok, status: r.status, j: j }; });
  }).then(function (res) {
    T = res.j.texts || {};
    launchText.textContent = t('open');
    setUnread(0);
    closeBtn.setAttribute('aria-label', t('close'));
    if (!res.ok) {
      paintHead();
      notice(res.status === 403 ? t('blocked') : t('unknown'), 'error');
      return;
    }
    config = res.j;
    online = config.online;
    paintHead();
    if (saved && saved.token) startChat();
    else questionnaire();
  }).catch(function () {
    launch.hidden = true;
  });
})();
