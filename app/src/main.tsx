import { render } from 'preact';
import { App } from './App';
import { chosenEndpoint } from './chain/connect';
import { StoreContext } from './state/context';
import { Store } from './state/store';

const store = new Store();
void store.start(chosenEndpoint());

render(
  <StoreContext.Provider value={store}>
    <App />
  </StoreContext.Provider>,
  document.getElementById('app')!,
);
