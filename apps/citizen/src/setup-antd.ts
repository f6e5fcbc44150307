// antd-mobile 5 renders its imperative UIs (Dialog.show, Toast.show …) with ReactDOM.render, which React 19
// removed. Give it a createRoot-based renderer. Imported first by main.tsx.
import { unstableSetRender } from 'antd-mobile/es/utils/unstable-render';
import { createRoot, type Root } from 'react-dom/client';

type Container = (Element | DocumentFragment) & { _reactRoot?: Root };

unstableSetRender((node, container) => {
  const target = container as Container;
  target._reactRoot ||= createRoot(target);
  const root = target._reactRoot;
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    target._reactRoot = undefined;
  };
});
