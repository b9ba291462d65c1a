/*
 * The dashboard's own stylesheet and script, served from the bot's server (no CDN: a school's
 * closed network must work). Kept as strings so the compiled app carries them in dist/.
 */

/** Light and dark: Telegram's theme when opened as a Mini App, else the system's or the reader's choice. */
export const APP_CSS = `
:root{--bg:#ffffff;--text:#1b1f24;--hint:#5b6470;--link:#1a5fb4;--accent:#1a5fb4;--accent-text:#ffffff;--card:#f3f5f8;--line:#d5dae1;--warn:#9a3a00;--bad:#b00020;color-scheme:light}
:root[data-theme=dark]{--bg:#17212b;--text:#f1f3f5;--hint:#aab4c0;--link:#7cb7ff;--accent:#5ea8f2;--accent-text:#0b1520;--card:#22303d;--line:#3a4a5a;--warn:#ffb26b;--bad:#ff8a8a;color-scheme:dark}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--link)}
a:focus-visible,button:focus-visible,select:focus-visible,input:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding:.75rem 1rem;border-bottom:1px solid var(--line)}
header h1{font-size:1.1rem;margin:0}
nav ul{display:flex;gap:1rem;list-style:none;margin:0;padding:0}
nav a[aria-current=page]{font-weight:700;text-decoration:none}
main{padding:1rem;max-width:1200px;margin:0 auto}
h2{font-size:1.15rem;margin:1.25rem 0 .5rem}
.grid{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(300px,1fr))}
.card{background:var(--card);border-radius:12px;padding:1rem;min-width:0}
.card h2{margin-top:0}
.figure{font-size:2rem;font-weight:700;margin:0}
.hint{color:var(--hint)}
.late{color:var(--warn);font-weight:600}
table{width:100%;border-collapse:collapse}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600}
.table-wrap{overflow-x:auto}
ul.plain{margin:0;padding-left:1.1rem}
form.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end;margin-bottom:1rem}
form.filters .field{display:flex;flex-direction:column;font-size:.9rem;gap:.2rem}
select,input,button{font:inherit;color:var(--text);background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:.35rem .5rem}
button.primary,a.button{background:var(--accent);color:var(--accent-text);border-color:var(--accent);text-decoration:none;display:inline-block;border-radius:8px;padding:.4rem .75rem}
.chart{position:relative;height:240px}
.error{color:var(--bad)}
.spaced{margin-top:1rem}
.sos{border:2px solid var(--bad);margin-bottom:1rem}
textarea{width:100%;font:inherit;color:var(--text);background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:.4rem}
@media (max-width:480px){main{padding:.75rem}.figure{font-size:1.6rem}th,td{padding:.35rem .3rem}}
`;

/**
 * The page's script: the theme (Telegram's parameters from the launch fragment, else the system's,
 * or the reader's toggle), the Mini App's sign-in (its initData posted once), and the charts drawn
 * from the data the page carries as JSON.
 */
export const APP_JS = `
(function(){
  var root=document.documentElement;
  function fragment(name){var h=new URLSearchParams(location.hash.slice(1));return h.get(name)}
  var tg=fragment("tgWebAppThemeParams")||sessionStorage.getItem("tgTheme");
  if(tg){sessionStorage.setItem("tgTheme",tg);try{var p=JSON.parse(tg);
    var map={bg_color:"--bg",text_color:"--text",hint_color:"--hint",link_color:"--link",button_color:"--accent",button_text_color:"--accent-text",secondary_bg_color:"--card"};
    for(var k in map){if(p[k])root.style.setProperty(map[k],p[k])}
    if(p.bg_color){var c=p.bg_color.replace("#","");var l=parseInt(c.slice(0,2),16)*.299+parseInt(c.slice(2,4),16)*.587+parseInt(c.slice(4,6),16)*.114;root.dataset.theme=l<128?"dark":"light"}
  }catch(e){}}
  else{var saved=localStorage.getItem("theme");root.dataset.theme=saved||(matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light")}
  var toggle=document.getElementById("theme-toggle");
  if(toggle){if(tg){toggle.hidden=true}toggle.addEventListener("click",function(){var next=root.dataset.theme==="dark"?"light":"dark";root.dataset.theme=next;localStorage.setItem("theme",next);drawCharts()})}
  var signIn=document.getElementById("mini-app-sign-in");
  if(signIn){var data=fragment("tgWebAppData");
    if(data){fetch(signIn.dataset.action,{method:"POST",headers:{"content-type":"application/json"},body:JSON.stringify({initData:data}),credentials:"same-origin"})
      .then(function(r){if(r.ok){location.replace(signIn.dataset.next)}else{document.getElementById("sign-in-error").hidden=false}})}
    else{document.getElementById("sign-in-browser").hidden=false}}
  var charts=[];
  function drawCharts(){
    if(!window.Chart)return;
    charts.forEach(function(c){c.destroy()});charts=[];
    var style=getComputedStyle(root);var text=style.getPropertyValue("--text").trim();var line=style.getPropertyValue("--line").trim();var accent=style.getPropertyValue("--accent").trim();var warn=style.getPropertyValue("--warn").trim();
    document.querySelectorAll("canvas[data-chart]").forEach(function(canvas){
      var spec=JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
      var colors=[accent,warn];
      charts.push(new Chart(canvas,{type:spec.type,data:{labels:spec.labels,datasets:spec.datasets.map(function(d,i){return{label:d.label,data:d.data,backgroundColor:colors[i%2],borderColor:colors[i%2]}})},
        options:{responsive:true,maintainAspectRatio:false,animation:false,indexAxis:spec.horizontal?"y":"x",plugins:{legend:{display:spec.datasets.length>1,labels:{color:text}}},
          scales:{x:{ticks:{color:text},grid:{color:line}},y:{ticks:{color:text,precision:0},grid:{color:line},beginAtZero:true}}}}));
    });
  }
  drawCharts();
})();
`;
