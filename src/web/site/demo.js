// A minimal Direct Line client for the demo page. Everything is rendered with textContent.
const base = '/v3/directline';
const log = document.getElementById('log');
const choices = document.getElementById('choices');
const form = document.getElementById('composer');
const input = document.getElementById('text');
const seen = new Set();
let conversation;

async function call(method, path, token, body) {
  const response = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return response.json();
}

function render(activity) {
  if (activity.type !== 'message' || seen.has(activity.id)) return;
  seen.add(activity.id);
  const item = document.createElement('li');
  item.className = activity.from?.role === 'user' ? 'user' : 'bot';
  item.textContent = activity.text ?? '';
  log.append(item);
  log.scrollTop = log.scrollHeight;
  choices.replaceChildren();
  for (const action of activity.suggestedActions?.actions ?? []) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = action.title;
    button.addEventListener('click', () => send(String(action.value)));
    choices.append(button);
  }
}

async function connect() {
  const saved = localStorage.getItem('parley-demo-token');
  try {
    conversation = await call('POST', '/conversations', saved, { locale: navigator.language });
  } catch {
    conversation = await call('POST', '/conversations', undefined, { locale: navigator.language });
  }
  localStorage.setItem('parley-demo-token', conversation.token);
  const socket = new WebSocket(conversation.streamUrl);
  socket.addEventListener('message', (event) => {
    if (!event.data) return;
    for (const activity of JSON.parse(event.data).activities) render(activity);
  });
}

async function send(text) {
  choices.replaceChildren();
  await call('POST', `/conversations/${conversation.conversationId}/activities`, conversation.token, { type: 'message', text });
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  void send(text);
});

void connect();
