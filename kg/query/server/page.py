"""The endpoint's home page: a query editor with the saved queries as examples.

Plain HTML, CSS and JavaScript in one string, no external file or CDN, so it works on a
machine with no network. Saved queries with parameters get input boxes and run through
/queries/NAME, so the values are bound by the server, not pasted into the text.
"""
from __future__ import annotations

import json

from kg.query.saved import SavedQuery

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>shequ-kg SPARQL</title>
<style>
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;display:flex;height:100vh}
#side{width:300px;overflow:auto;border-right:1px solid #ddd;padding:8px;background:#fafafa}
#side h2{font-size:15px;margin:6px 0}
.q{padding:6px;border-radius:4px;cursor:pointer;margin-bottom:4px}
.q:hover,.q.on{background:#e6f0ff}.q b{display:block;font-size:13px}.q span{font-size:12px;color:#555}
#main{flex:1;display:flex;flex-direction:column;padding:8px;min-width:0}
textarea{width:100%;height:220px;font:13px/1.4 monospace;box-sizing:border-box}
#bar{margin:6px 0;display:flex;gap:8px;align-items:center;flex-wrap:wrap}
#params input{margin-right:6px}
#status{color:#555;font-size:13px}#status.err{color:#b00020}
#out{overflow:auto;flex:1}table{border-collapse:collapse;font-size:13px}
td,th{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}th{background:#f0f0f0}
pre{white-space:pre-wrap}
</style></head><body>
<div id="side"><h2>常用查询 Saved queries</h2><div id="list"></div></div>
<div id="main">
<textarea id="query" spellcheck="false">SELECT ?community ?name WHERE {
  ?community a shequ:Community ; rdfs:label ?name .
} LIMIT 20</textarea>
<div id="bar"><span id="params"></span><button id="run">运行 Run (Ctrl+Enter)</button>
<span id="status"></span></div>
<div id="out"></div></div>
<script>
const SAVED = __SAVED__;
let current = null;
const $ = id => document.getElementById(id);
function esc(s){return String(s).replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));}
function pick(q, el){
  current = q; document.querySelectorAll('.q').forEach(x=>x.classList.remove('on')); el.classList.add('on');
  $('query').value = q.query;
  $('params').innerHTML = q.params.map(p=>`<label>${esc(p.name)} <input data-p="${esc(p.name)}"
     placeholder="${esc(p.doc)}"${p.optional?'':' required'}></label>`).join('');
}
SAVED.forEach(q=>{const d=document.createElement('div'); d.className='q';
  d.innerHTML=`<b>${esc(q.title)}</b><span>${esc(q.description)}</span>`; d.onclick=()=>pick(q,d); $('list').appendChild(d);});
$('query').addEventListener('input',()=>{ if(current && $('query').value!==current.query){current=null;$('params').innerHTML='';
  document.querySelectorAll('.q').forEach(x=>x.classList.remove('on'));}});
function cell(b){ if(!b) return ''; return esc(b.value); }
async function run(){
  const body = new URLSearchParams(); let url = 'sparql';
  if(current){ url = 'queries/'+encodeURIComponent(current.name);
    document.querySelectorAll('[data-p]').forEach(i=>{ if(i.value) body.append(i.dataset.p, i.value); }); }
  else body.append('query', $('query').value);
  body.append('partial', 'true');
  $('status').className=''; $('status').textContent='…';
  const t0 = performance.now();
  const r = await fetch(url,{method:'POST',body,headers:{'Accept':'application/sparql-results+json, text/turtle'}});
  const ms = Math.round(performance.now()-t0); const type = r.headers.get('Content-Type')||'';
  if(!r.ok){ const e = await r.json(); $('status').className='err';
    $('status').textContent=`${e.error}: ${e.message}` + (e.hint?` (${e.hint})`:'');
    $('out').innerHTML = e.excerpt ? '<pre>'+esc(e.excerpt)+'</pre>' : ''; return; }
  if(type.includes('turtle')){ $('out').innerHTML='<pre>'+esc(await r.text())+'</pre>'; $('status').textContent=`${ms} ms`; return; }
  const d = await r.json();
  if('boolean' in d){ $('out').innerHTML='<p>'+d.boolean+'</p>'; $('status').textContent=`${ms} ms`; return; }
  const vars = d.head.vars, rows = d.results.bindings;
  $('out').innerHTML = '<table><tr>'+vars.map(v=>'<th>'+esc(v)+'</th>').join('')+'</tr>'+
    rows.map(b=>'<tr>'+vars.map(v=>'<td>'+cell(b[v])+'</td>').join('')+'</tr>').join('')+'</table>';
  $('status').textContent = `${rows.length} 行 rows, ${ms} ms` + (d.truncated ? ' — truncated at the row cap' : '');
}
$('run').onclick = run;
$('query').addEventListener('keydown', e=>{ if(e.key==='Enter' && (e.ctrlKey||e.metaKey)) run(); });
</script></body></html>
"""


def render_editor(queries: dict[str, SavedQuery]) -> str:
    data = [{"name": q.name, "title": q.title, "description": q.description, "query": q.text,
             "params": [{"name": p.name, "doc": p.doc, "optional": p.optional} for p in q.params]}
            for q in queries.values()]
    # </script> inside JSON would end the script element; escape the slash
    return _PAGE.replace("__SAVED__", json.dumps(data, ensure_ascii=False).replace("</", "<\\/"))

