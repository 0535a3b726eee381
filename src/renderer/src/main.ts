/** Console entry: Pinia, vue-i18n, global styles, then the App. */
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n } from './i18n';
import './styles/base.css';

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
app.mount('#app');
