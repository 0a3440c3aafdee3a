-- Lets Debian 12's prosody-modules (2023-02 snapshot) mod_sasl2_fast and mod_sasl2_bind2 run on
-- Debian 12's Prosody 0.12.3, for the test server only. Those modules were written against
-- Prosody trunk; each fix below backports what trunk has and 0.12.3 lacks (without it, the
-- failure named next to it happens). See docs/decisions/0018-persistent-login.md.
-- mod_sasl2_sm is not fixable here (it calls mod_smacks.do_enable/do_resume, absent in 0.12.3).
module:set_global();

local st = require "util.stanza";
local dt = require "util.datetime";

-- 1. mod_sasl2_fast reads event.stream.from (the stream header's 'from', the account) to offer
-- FAST; 0.12.3 passes no 'stream' with "stream-features", so every stream's features crashed
-- ("attempt to index a nil value (field 'stream')") and no login got past the stream header.
-- Both transports call session:stream_attrs(from, to) when answering the header; here only
-- WebSocket sessions (what Natter uses) are given one, so FAST is offered over WebSocket only.
module:hook("websocket-session", function (event)
	local session = event.session;
	local previous = session.stream_attrs;
	function session:stream_attrs(from, to, attr)
		self.natter_stream_from = to;
		if previous then return previous(self, from, to, attr); end
	end
end);

-- 2. mod_sasl2_fast formats the token expiry with a fractional time, which Lua 5.4's os.date
-- refuses ("number has no integer representation"): the token request crashed the login.
if not dt.natter_compat then
	local datetime = dt.datetime;
	dt.datetime = function (t) return datetime(t and math.floor(t)); end
	dt.natter_compat = true;
end

-- 3. mod_sasl2_fast calls stanza:get_child_attr(), which 0.12.3's util.stanza lacks: every FAST
-- authentication crashed.
if not st.stanza_mt.get_child_attr then
	function st.stanza_mt:get_child_attr(name, xmlns, attr)
		local tag = self:get_child(name, xmlns);
		if tag then return tag.attr[attr]; end
	end
end

function module.add_host(module)
	module:hook("stream-features", function (event)
		if event.stream == nil then
			event.stream = { from = event.origin.natter_stream_from };
		end
	end, 10); -- before mod_sasl2 (priority 1) fires "advertise-sasl-features"

	-- 4. 0.12.3's mod_saslauth offers resource binding after authentication even when Bind2 has
	-- bound one already; @xmpp/client 0.14 then binds again, gets service-unavailable and
	-- drops the stream (trunk offers <bind/> only to sessions without a resource).
	module:hook("stream-features", function (event)
		if not event.origin.resource then return; end
		event.features:maptags(function (tag)
			if tag.name == "bind" and tag.attr.xmlns == "urn:ietf:params:xml:ns:xmpp-bind" then return nil; end
			if tag.name == "session" and tag.attr.xmlns == "urn:ietf:params:xml:ns:xmpp-session" then return nil; end
			return tag;
		end);
	end, -10); -- after mod_saslauth (priority 0) added it
end
