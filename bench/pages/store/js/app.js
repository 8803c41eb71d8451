// Acme Store listing page: enhances the server-rendered grid (prices, ratings, badges),
// builds the filter facets, restores the cart and wires sorting and filtering.
(() => {
  const { $, $$, on, debounce, money, plural, createStore, html, render, storage, query, toast } = window.AcmeKit;

  const grid = $('#grid');
  const cards = $$('.card', grid);
  const products = cards.map((card, index) => ({
    card,
    index,
    sku: card.dataset.sku,
    category: card.dataset.category,
    price: Number(card.dataset.price),
    rating: Number(card.dataset.rating),
    title: $('.card-title', card).textContent.trim(),
  }));

  // Prices in the shopper's locale, ratings as stars, a badge on discounted items.
  for (const p of products) {
    $('.price', p.card).textContent = money(p.price);
    const was = $('.was', p.card);
    if (was) {
      const before = Math.round(p.price * 1.2);
      was.textContent = money(before);
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = `-${Math.round((1 - p.price / before) * 100)}%`;
      p.card.prepend(badge);
    }
    const full = Math.floor(p.rating);
    $('.stars', p.card).textContent = '★'.repeat(full) + (p.rating - full >= 0.5 ? '⯪' : '') + '☆'.repeat(5 - full - (p.rating - full >= 0.5 ? 1 : 0));
  }

  const categories = [...new Set(products.map((p) => p.category))].sort();
  const store = createStore({
    sort: query.get('sort') || storage.read('acme:sort', 'featured'),
    maxPrice: Number(query.get('max')) || 5000,
    categories: new Set(storage.read('acme:categories', [])),
    cart: storage.read('acme:cart', []),
  });

  function renderFacets(state) {
    render(
      $('#facets'),
      html`${categories.map(
        (c) =>
          html`<label class="facet"><span><input type="checkbox" data-category="${c}" ${state.categories.has(c) ? 'checked' : ''} /> ${
            c[0].toUpperCase() + c.slice(1)
          }</span><span class="muted">${products.filter((p) => p.category === c).length}</span></label>`.__html,
      )}`,
    );
  }

  const SORTS = {
    featured: (a, b) => a.index - b.index,
    'price-asc': (a, b) => a.price - b.price,
    'price-desc': (a, b) => b.price - a.price,
    rating: (a, b) => b.rating - a.rating,
  };

  function renderGrid(state) {
    const shown = products
      .filter((p) => p.price <= state.maxPrice && (state.categories.size === 0 || state.categories.has(p.category)))
      .sort(SORTS[state.sort] || SORTS.featured);
    const visible = new Set(shown);
    for (const p of products) p.card.hidden = !visible.has(p);
    for (const p of shown) grid.appendChild(p.card);
    $('#result-count').textContent = plural(shown.length, 'result', 'results');
  }

  function renderCart(state) {
    $('#cart-count').textContent = String(state.cart.reduce((n, item) => n + item.qty, 0));
  }

  store.subscribe((state) => {
    renderGrid(state);
    renderCart(state);
    storage.write('acme:sort', state.sort);
    storage.write('acme:categories', [...state.categories]);
    storage.write('acme:cart', state.cart);
  });

  renderFacets(store.get());
  renderGrid(store.get());
  renderCart(store.get());
  $('#sort').value = store.get().sort;
  $('#max-price').value = String(store.get().maxPrice);
  $('#max-price-out').textContent = money(store.get().maxPrice);

  on('change', '#sort', (_event, select) => {
    store.set({ sort: select.value });
    query.set({ sort: select.value === 'featured' ? null : select.value });
  });
  on(
    'input',
    '#max-price',
    debounce((_event, input) => {
      const max = Number(input.value);
      $('#max-price-out').textContent = money(max);
      store.set({ maxPrice: max });
      query.set({ max: max >= 5000 ? null : String(max) });
    }, 80),
  );
  on('change', '[data-category]', (_event, box) => {
    store.set((state) => {
      const next = new Set(state.categories);
      if (box.checked) next.add(box.dataset.category);
      else next.delete(box.dataset.category);
      return { categories: next };
    });
  });
  on('click', '[data-add]', (_event, button) => {
    const sku = button.dataset.add;
    store.set((state) => {
      const cart = state.cart.map((item) => ({ ...item }));
      const line = cart.find((item) => item.sku === sku);
      if (line) line.qty++;
      else cart.push({ sku, qty: 1 });
      return { cart };
    });
    const product = products.find((p) => p.sku === sku);
    toast(`${product ? product.title : sku} added to your cart`);
  });

  // Recently viewed, from a previous visit.
  const recent = storage.read('acme:recent', []);
  if (recent.length === 0) storage.write('acme:recent', products.slice(0, 4).map((p) => p.sku));
  document.documentElement.dataset.ready = 'true';
})();
