// Imported first: the SDK's Node-version notice would otherwise print into the benchmark's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
