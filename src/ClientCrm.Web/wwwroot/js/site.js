// Choosing a country fills in its reporting region (the user can still change it).
document.querySelectorAll('select[data-regions]').forEach(function (select) {
  var regions = JSON.parse(select.getAttribute('data-regions'));
  var target = document.getElementById(select.getAttribute('data-region-target'));
  select.addEventListener('change', function () {
    if (target && regions[select.value]) {
      target.value = regions[select.value];
    }
  });
});
