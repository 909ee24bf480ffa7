// Bar charts beside the report tables (issue 15, screen 5), with Chart.js from its WebJar. Each canvas carries its
// table's entries as the API published them (data-chart): counts are drawn, entries shown as <5 or * are not (null),
// and the tooltip says the published entry. Nothing is computed here, so a chart cannot show more than its table.
/* global Chart */
(function () {
  if (typeof Chart === 'undefined') return;
  // GOV.UK Design System colours: blue, green, orange, purple, turquoise, pink, brown, dark grey.
  const colours = ['#1d70b8', '#00703c', '#f47738', '#4c2c92', '#28a197', '#d53880', '#b58840', '#505a5f'];
  document.querySelectorAll('canvas[data-chart]').forEach((canvas) => {
    const data = JSON.parse(canvas.dataset.chart);
    canvas.closest('.dashboard-chart').classList.add('dashboard-chart--drawn'); // shown before drawing, so it has a size
    data.datasets.forEach((set, i) => { set.backgroundColor = colours[i % colours.length]; });
    // eslint-disable-next-line no-new
    new Chart(canvas, {
      type: 'bar',
      data: data,
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: data.datasets.length > 1, position: 'bottom' },
          tooltip: {
            callbacks: {
              label: (ctx) => ctx.dataset.label + ': ' + ctx.dataset.published[ctx.dataIndex]
            }
          }
        },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
    canvas.dataset.chartReady = 'true';
  });
}());
