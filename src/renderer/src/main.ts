/** Console entry: the api over the shell's transport, Pinia, vue-i18n, global styles, then the App. */
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { apiPlugin, createApi } from './api';
import { shellTransport } from './api/transport';
import { i18n } from './i18n';
import { installNaiveA11y } from './a11y/naive';
import './styles/base.css';

const app = createApp(App);
app.use(apiPlugin(createApi(shellTransport())));
app.use(createPinia());
app.use(i18n);
app.mount('#app');
installNaiveA11y(document.body);
