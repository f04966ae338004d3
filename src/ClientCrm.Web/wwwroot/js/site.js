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

// A form's "add a row" button: the row template's copy goes at the end, numbered after the rows there (rows[2].Name…).
document.querySelectorAll('button[data-add-row]').forEach(function (button) {
  var body = document.getElementById(button.getAttribute('data-add-row'));
  var template = document.getElementById(button.getAttribute('data-row-template'));
  button.addEventListener('click', function () {
    var html = template.innerHTML.split('__i__').join(String(body.rows.length));
    body.insertAdjacentHTML('beforeend', html);
  });
});
